package lottery.kernels.cuda;

/**
 * A kernel's arguments in declaration order, each an int ({@code 'i'}), a float ({@code 'f'}) or a
 * device address ({@code 'p'}, 0 for a null pointer). {@link #signature()} spells the kinds, e.g.
 * "iiipf" for {@code (int, int, int, float*, float)}; the host driver checks it against the kernel.
 */
public final class KernelArgs {
    private final StringBuilder kinds = new StringBuilder(16);
    private long[] values = new long[16];

    KernelArgs i(int v) { return add('i', v); }

    KernelArgs f(float v) { return add('f', Float.floatToRawIntBits(v)); }

    KernelArgs p(long address) { return add('p', address); }

    private KernelArgs add(char kind, long v) {
        if (kinds.length() == values.length) values = java.util.Arrays.copyOf(values, 2 * values.length);
        values[kinds.length()] = v;
        kinds.append(kind);
        return this;
    }

    public int size() { return kinds.length(); }

    public String signature() { return kinds.toString(); }

    public char kind(int index) { return kinds.charAt(index); }

    public int intArg(int index) { return (int) value(index, 'i'); }

    public float floatArg(int index) { return Float.intBitsToFloat((int) value(index, 'f')); }

    public long address(int index) { return value(index, 'p'); }

    private long value(int index, char kind) {
        if (kinds.charAt(index) != kind) throw new IllegalArgumentException("argument " + index + " is '" + kinds.charAt(index)
                + "', not '" + kind + "'");
        return values[index];
    }
}
