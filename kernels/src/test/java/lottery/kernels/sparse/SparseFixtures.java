package lottery.kernels.sparse;

import java.util.Random;
import lottery.kernels.BitMask;

/** Seeded masks and data for the sparse kernel tests. */
final class SparseFixtures {
    private SparseFixtures() {}

    /**
     * A mask of about {@code density}; for densities strictly between 0 and 1, row 0 is empty, the last
     * row is full, and the rest are random (so empty rows, full rows and ragged rows all occur).
     */
    static BitMask mask(int rows, int cols, double density, Random rnd) {
        BitMask m = new BitMask(rows, cols);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) {
                boolean keep;
                if (density <= 0) keep = false;
                else if (density >= 1) keep = true;
                else if (i == 0 && rows > 2) keep = false;
                else if (i == rows - 1 && rows > 2) keep = true;
                else keep = rnd.nextDouble() < density;
                m.set(i, j, keep);
            }
        return m;
    }

    static float[] randoms(int n, Random rnd) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = rnd.nextFloat() * 2f - 1f;
        return a;
    }

    static float[] abs(float[] a) {
        float[] b = new float[a.length];
        for (int i = 0; i < a.length; i++) b[i] = Math.abs(a[i]);
        return b;
    }

    static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
