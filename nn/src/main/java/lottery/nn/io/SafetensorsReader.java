package lottery.nn.io;

import lottery.kernels.BitMask;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated safetensors file. {@link #open} checks the whole layout (header length against the
 * file size, JSON, dtypes, shapes, offsets in range, tensors tiling the buffer with no overlap,
 * gap or trailing bytes); tensor data is read on demand. Any defect is an IOException naming the
 * file and what is wrong. Close it to release the file.
 */
public final class SafetensorsReader implements AutoCloseable {
    private static final int CHUNK = 1 << 20;

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, TensorInfo> tensors;   // in buffer order
    private final Map<String, String> metadata;

    private SafetensorsReader(Path file, FileChannel channel, SafetensorsHeader header) {
        this.file = file;
        this.channel = channel;
        this.dataStart = header.dataStart();
        this.tensors = header.tensors();
        this.metadata = header.metadata();
    }

    /** Opens {@code file} and validates its layout. */
    public static SafetensorsReader open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new SafetensorsReader(file, ch, SafetensorsHeader.read(file, ch));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    public Path file() { return file; }

    /** The {@code __metadata__} entries (empty when the file has none). */
    public Map<String, String> metadata() { return Collections.unmodifiableMap(metadata); }

    /** All tensors in the order their bytes appear in the file. */
    public List<TensorInfo> tensors() { return List.copyOf(tensors.values()); }

    public boolean contains(String name) { return tensors.containsKey(name); }

    /** The entry of tensor {@code name}; an IOException naming the file when it is absent. */
    public TensorInfo info(String name) throws IOException {
        TensorInfo t = tensors.get(name);
        if (t == null) throw corrupt("has no tensor '" + name + "' (it has " + tensors.keySet() + ")");
        return t;
    }

    public float[] f32(String name) throws IOException {
        TensorInfo t = expect(name, DType.F32);
        float[] out = new float[length(t)];
        read(t, (bb, at) -> { int n = bb.remaining() / 4; bb.asFloatBuffer().get(out, at, n); return n; });
        return out;
    }

    public int[] i32(String name) throws IOException {
        TensorInfo t = expect(name, DType.I32);
        int[] out = new int[length(t)];
        read(t, (bb, at) -> { int n = bb.remaining() / 4; bb.asIntBuffer().get(out, at, n); return n; });
        return out;
    }

    public long[] i64(String name) throws IOException {
        TensorInfo t = expect(name, DType.I64);
        long[] out = new long[length(t)];
        read(t, (bb, at) -> { int n = bb.remaining() / 8; bb.asLongBuffer().get(out, at, n); return n; });
        return out;
    }

    /** The raw bytes of a U8 or BOOL tensor. */
    public byte[] u8(String name) throws IOException {
        TensorInfo t = info(name);
        if (t.dtype() != DType.U8 && t.dtype() != DType.BOOL) throw corrupt("tensor '" + name + "' is " + t.dtype() + ", expected U8 or BOOL");
        byte[] out = new byte[length(t)];
        read(t, (bb, at) -> { int n = bb.remaining(); bb.get(out, at, n); return n; });
        return out;
    }

    /** A BOOL [rows, cols] tensor as a bit mask; every byte must be 0 or 1. */
    public BitMask mask(String name) throws IOException {
        TensorInfo t = expect(name, DType.BOOL);
        int[] s = t.shape();
        if (s.length != 2) throw corrupt("mask '" + name + "' has shape " + Arrays.toString(s) + ", expected [rows, cols]");
        byte[] b = u8(name);
        BitMask m = new BitMask(s[0], s[1]);
        for (int i = 0; i < s[0]; i++)
            for (int j = 0; j < s[1]; j++) {
                byte v = b[i * s[1] + j];
                if (v != 0 && v != 1) throw corrupt("mask '" + name + "' has byte " + (v & 0xff) + " at [" + i + ", " + j + "], expected 0 or 1");
                if (v == 1) m.set(i, j, true);
            }
        return m;
    }

    @Override public void close() throws IOException { channel.close(); }

    private interface Sink { int take(ByteBuffer bb, int at); }

    private void read(TensorInfo t, Sink sink) throws IOException {
        ByteBuffer bb = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(8, t.byteSize()))).order(ByteOrder.LITTLE_ENDIAN);
        long pos = dataStart + t.begin();
        long end = dataStart + t.end();
        int at = 0;
        while (pos < end) {
            bb.clear().limit((int) Math.min(bb.capacity(), end - pos));
            while (bb.hasRemaining()) {
                int r = channel.read(bb, pos + bb.position());
                if (r < 0) throw new EOFException(file + ": corrupt safetensors file: truncated while reading tensor '" + t.name() + "' (did it change after it was opened?)");
            }
            bb.flip();
            pos += bb.remaining();
            at += sink.take(bb, at);
        }
    }

    private TensorInfo expect(String name, DType dtype) throws IOException {
        TensorInfo t = info(name);
        if (t.dtype() != dtype) throw corrupt("tensor '" + name + "' is " + t.dtype() + ", expected " + dtype);
        return t;
    }

    private int length(TensorInfo t) throws IOException {
        long n = t.elements();
        if (n > Integer.MAX_VALUE - 8) throw corrupt("tensor '" + t.name() + "' has " + n + " elements, more than a Java array holds");
        return (int) n;
    }

    private IOException corrupt(String what) { return new IOException(file + ": " + what); }
}
