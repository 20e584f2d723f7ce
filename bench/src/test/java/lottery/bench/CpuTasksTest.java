package lottery.bench;

import lottery.kernels.BitMask;
import lottery.kernels.ScalarGemm;
import lottery.kernels.Threads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every implementation the harness times computes the scalar oracle's product (W ⊙ M) on odd shapes. */
class CpuTasksTest {
    @AfterEach void restoreThreads() { Threads.set(Runtime.getRuntime().availableProcessors()); }

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        int[][] layers = {{7, 33, 5}, {1, 1, 1}, {10, 100, 60}, {17, 9, 1}};   // out, in, rows
        for (int[] l : layers)
            for (Op op : Op.values())
                for (double d : new double[]{1.0, 0.3})
                    for (int threads : new int[]{1, 2})
                        for (Impl impl : new Impl[]{Impl.DENSE, Impl.MASKED, Impl.SPARSE, Impl.OPENBLAS})
                            out.add(Arguments.of(impl, op, l[0], l[1], l[2], d, threads));
        for (int[] l : new int[][]{{8, 12, 5}, {16, 32, 60}, {12, 22, 17}})
            for (Op op : Op.values())
                for (Impl impl : new Impl[]{Impl.NM, Impl.BSR}) out.add(Arguments.of(impl, op, l[0], l[1], l[2], 0.5, 1));
        return out;
    }

    /** The structured kinds run on masks of their structure (2:4, 4×4 blocks where they tile, else 2×2) and on nothing else. */
    static MaskPattern pattern(Impl impl, int out, int in) {
        if (impl == Impl.NM) return MaskPattern.nm(2, 4);
        if (impl == Impl.BSR) return out % 4 == 0 && in % 4 == 0 ? MaskPattern.blocks(4, 4) : MaskPattern.blocks(2, 2);
        return MaskPattern.RANDOM;
    }

    @org.junit.jupiter.api.Test void structuredKindsDeclineMasksWithoutTheirStructure() {
        GemmShape s = GemmShape.of("t", Op.FORWARD, 16, 32, 8, 8);
        try (Operands ops = new Operands(s, null, 7)) {
            BitMask random = MaskPattern.RANDOM.make(16, 32, 0.3, 1);
            assertEquals(null, CpuTasks.create(Impl.NM, ops, random));
            assertEquals(null, CpuTasks.create(Impl.BSR, ops, random));
        }
    }

    @ParameterizedTest(name = "{0} {1} out={2} in={3} rows={4} d={5} t={6}")
    @MethodSource("cases")
    void matchesOracle(Impl impl, Op op, int outF, int inF, int rows, double density, int threads) {
        if (op == Op.SQUARE) { inF = outF; rows = outF; }
        Threads.set(threads);
        if (impl == Impl.OPENBLAS) OpenBlas.setThreads(threads);
        GemmShape s = GemmShape.of("t", op, outF, inF, rows, rows);
        BitMask mask = pattern(impl, outF, inF).make(outF, inF, density, 42);
        Operands raw = new Operands(s, null, 7);
        float[] wMasked = raw.w.clone();
        mask.applyTo(wMasked);
        // dense kinds multiply the stored (already pruned) weights; masked and sparse prune the raw ones themselves
        try (Operands ops = impl.usesDensity() ? raw : new Operands(s, wMasked, 7)) {
            Task task = CpuTasks.create(impl, ops, mask);
            java.util.Arrays.fill(ops.c, Float.NaN);
            java.util.Arrays.fill(ops.cT, Float.NaN);
            task.run();
            float[] got = task.result();
            float[] want = new float[s.m() * s.n()];
            float[] b = op == Op.BACKWARD_WEIGHTS ? ops.x : wMasked;
            ScalarGemm.sgemm(ops.transA(), ops.transB(), s.m(), s.n(), s.k(), ops.a(), 0, ops.lda(), b, 0, ops.ldb(), 0f, want, 0, s.n());
            if (op == Op.BACKWARD_WEIGHTS && impl.usesDensity()) mask.applyTo(want);   // dW at kept positions only
            for (int i = 0; i < want.length; i++)
                assertEquals(want[i], got[i], 1e-4f * (1 + Math.abs(want[i])) * Math.max(1, s.k() / 10f), impl + " " + op + " at " + i);
        }
    }
}
