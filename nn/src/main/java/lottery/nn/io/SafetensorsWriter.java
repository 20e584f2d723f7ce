package lottery.nn.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lottery.kernels.BitMask;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects tensors and metadata and writes them as one safetensors file, atomically.
 * Arrays are held by reference until {@link #write}: do not change them in between.
 * Tensors are laid out widest dtype first (stable within a dtype width), so every element is
 * aligned to its size in the file; masks are stored as BOOL [rows, cols], one byte per weight.
 */
public final class SafetensorsWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 1 << 16;

    private record Entry(String name, DType dtype, int[] shape, Object data) {}

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    SafetensorsWriter() {}

    public SafetensorsWriter metadata(String key, String value) {
        metadata.put(requireNonNull(key, "metadata key"), requireNonNull(value, "metadata value for " + key));
        return this;
    }

    public SafetensorsWriter f32(String name, float[] data, int... shape) { return add(name, DType.F32, shape, data, data.length); }

    public SafetensorsWriter i32(String name, int[] data, int... shape) { return add(name, DType.I32, shape, data, data.length); }

    public SafetensorsWriter i64(String name, long[] data, int... shape) { return add(name, DType.I64, shape, data, data.length); }

    public SafetensorsWriter u8(String name, byte[] data, int... shape) { return add(name, DType.U8, shape, data, data.length); }

    /** A mask as BOOL [rows, cols]: byte 1 where the weight is kept, 0 where it is pruned. */
    public SafetensorsWriter mask(String name, BitMask mask) {
        return add(name, DType.BOOL, new int[] {mask.rows, mask.cols}, mask, mask.size());
    }

    /** Writes the file atomically (temp file, fsync, rename). */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, this::writeTo);
    }

    /** Writes the safetensors bytes to {@code out} (not closed). */
    public void writeTo(OutputStream out) throws IOException {
        List<Entry> ordered = new ArrayList<>(entries);
        ordered.sort(Comparator.comparingInt((Entry e) -> -e.dtype.bytes));   // stable: keeps insertion order within a width
        byte[] header = header(ordered);
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
        out.write(len.array());
        out.write(header);
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (Entry e : ordered) writeData(e, out, buf);
        out.flush();
    }

    private SafetensorsWriter add(String name, DType dtype, int[] shape, Object data, long length) {
        requireNonNull(name, "tensor name");
        if (name.equals(Safetensors.METADATA_KEY)) throw new IllegalArgumentException("tensor name " + name + " is reserved");
        for (Entry e : entries)
            if (e.name.equals(name)) throw new IllegalArgumentException("tensor " + name + " added twice");
        for (int d : shape) if (d < 0) throw new IllegalArgumentException("tensor " + name + ": negative dimension in " + Arrays.toString(shape));
        long n = TensorInfo.elements(shape);
        if (n != length)
            throw new IllegalArgumentException("tensor " + name + ": shape " + Arrays.toString(shape) + " has " + n + " elements but the data has " + length);
        entries.add(new Entry(name, dtype, shape.clone(), data));
        return this;
    }

    private byte[] header(List<Entry> ordered) {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(Safetensors.METADATA_KEY);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Entry e : ordered) {
            ObjectNode t = root.putObject(e.name);
            t.put("dtype", e.dtype.name());
            ArrayNode shape = t.putArray("shape");
            for (int d : e.shape) shape.add(d);
            long end = offset + TensorInfo.elements(e.shape) * e.dtype.bytes;
            t.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + Safetensors.ALIGNMENT - 1) / Safetensors.ALIGNMENT * Safetensors.ALIGNMENT;
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    private static void writeData(Entry e, OutputStream out, ByteBuffer buf) throws IOException {
        switch (e.data) {
            case float[] a -> { for (float v : a) { if (!buf.hasRemaining()) drain(buf, out); buf.putFloat(v); } }
            case int[] a -> { for (int v : a) { if (!buf.hasRemaining()) drain(buf, out); buf.putInt(v); } }
            case long[] a -> { for (long v : a) { if (!buf.hasRemaining()) drain(buf, out); buf.putLong(v); } }
            case byte[] a -> { drain(buf, out); out.write(a); }
            case BitMask m -> {
                for (int i = 0; i < m.rows; i++)
                    for (int j = 0; j < m.cols; j++) {
                        if (!buf.hasRemaining()) drain(buf, out);
                        buf.put(m.get(i, j) ? (byte) 1 : (byte) 0);
                    }
            }
            default -> throw new IllegalStateException("unexpected tensor data " + e.data.getClass());
        }
        drain(buf, out);
    }

    private static void drain(ByteBuffer buf, OutputStream out) throws IOException {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
    }

    private static String requireNonNull(String s, String what) {
        if (s == null) throw new IllegalArgumentException(what + " is null");
        return s;
    }
}
