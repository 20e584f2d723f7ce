package lottery.nn.data;

/**
 * Seeded permutations that are the same on every JVM: Fisher-Yates driven by SplitMix64
 * (the generator is spelled out here so a seed means the same order forever).
 */
public final class Permutations {
    private Permutations() {}

    /** Shuffles {@code a} in place; the same seed always gives the same order. */
    public static void shuffle(int[] a, long seed) {
        long state = seed;
        for (int i = a.length - 1; i > 0; i--) {
            state += 0x9E3779B97F4A7C15L;
            int j = bounded(mix64(state), i + 1);
            int t = a[i]; a[i] = a[j]; a[j] = t;
        }
    }

    /** 0, 1, ..., n-1 shuffled with {@code seed}. */
    public static int[] random(int n, long seed) {
        int[] a = identity(n);
        shuffle(a, seed);
        return a;
    }

    public static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    /** SplitMix64's finaliser: a well-mixed 64-bit function of {@code z}. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A value in [0, bound) from 64 random bits (multiply-shift; bias below 2^-32 for int bounds). */
    private static int bounded(long bits, int bound) {
        return (int) Math.multiplyHigh(bits >>> 1, (long) bound << 1);
    }
}
