package lottery.nn.io;

/** Safetensors element types this project reads and writes; all little-endian. */
public enum DType {
    F32(4), I32(4), I64(8), U8(1),
    /** One byte per element, 0 or 1 (how masks are stored, so numpy/PyTorch read them as bool). */
    BOOL(1);

    /** Bytes per element. */
    public final int bytes;

    DType(int bytes) { this.bytes = bytes; }

    /** The dtype spelled as in a safetensors header, or null when this project does not support it. */
    static DType parse(String s) {
        for (DType d : values()) if (d.name().equals(s)) return d;
        return null;
    }
}
