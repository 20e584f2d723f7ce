package lottery.nn.io;

import lottery.kernels.BitMask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class SafetensorsTest {
    @TempDir Path dir;

    @Test void roundTripAllDtypesAndMetadata() throws IOException {
        Random r = new Random(7);
        float[] w = new float[33 * 7];
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
        float[] b = {1.5f, -2f, Float.MIN_VALUE, Float.MAX_VALUE, -0f, 0f, 3f};
        int[] ints = {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE};
        long[] longs = {Long.MIN_VALUE, 42L, Long.MAX_VALUE};
        byte[] bytes = {0, 1, (byte) 255, 7, 9};
        BitMask m = new BitMask(33, 7);
        for (int i = 0; i < 33; i++) for (int j = 0; j < 7; j++) m.set(i, j, r.nextBoolean());
        Path f = dir.resolve("ckpt.safetensors");
        Safetensors.writer()
                .mask("fc1.mask", m).u8("bytes", bytes, 5).f32("fc1.weight", w, 33, 7)
                .f32("fc1.bias", b, 7).i32("ints", ints, 5).i64("step", longs, 3)
                .f32("scalar", new float[] {2.5f}).f32("empty", new float[0], 0, 4)
                .metadata("format", "pt").metadata("level", "3")
                .write(f);

        long headerLen = ByteBuffer.wrap(Files.readAllBytes(f), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + headerLen) % 8, "data buffer starts 8-byte aligned");

        try (SafetensorsReader in = Safetensors.open(f)) {
            assertArrayEquals(w, in.f32("fc1.weight"));
            assertArrayEquals(b, in.f32("fc1.bias"));
            assertArrayEquals(ints, in.i32("ints"));
            assertArrayEquals(longs, in.i64("step"));
            assertArrayEquals(bytes, in.u8("bytes"));
            assertEquals(m, in.mask("fc1.mask"));
            assertArrayEquals(new float[] {2.5f}, in.f32("scalar"));
            assertArrayEquals(new int[0], in.info("scalar").shape());
            assertEquals(0, in.f32("empty").length);
            assertArrayEquals(new int[] {33, 7}, in.info("fc1.weight").shape());
            assertEquals(DType.BOOL, in.info("fc1.mask").dtype());
            assertEquals(Map.of("format", "pt", "level", "3"), in.metadata());
            for (TensorInfo t : in.tensors())
                assertEquals(0, t.begin() % t.dtype().bytes, t + " is aligned to its element size");
            IOException e = assertThrows(IOException.class, () -> in.i32("fc1.weight"));
            assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("F32"), e.getMessage());
            e = assertThrows(IOException.class, () -> in.f32("missing"));
            assertTrue(e.getMessage().contains("missing"), e.getMessage());
        }
    }

    @Test void largeTensorCrossesChunks() throws IOException {
        float[] big = new float[(1 << 20) / 4 * 3 + 5];
        for (int i = 0; i < big.length; i++) big[i] = i * 0.5f;
        Path f = dir.resolve("big.safetensors");
        Safetensors.writer().f32("big", big, big.length).write(f);
        try (SafetensorsReader in = Safetensors.open(f)) { assertArrayEquals(big, in.f32("big")); }
    }

    /** Bytes laid out by hand exactly as the format specifies, with a space-padded header. */
    @Test void readsAFileAssembledByHand() throws IOException {
        String header = "{\"__metadata__\":{\"source\":\"hand\"},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
                + "\"n\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[16,24]},"
                + "\"m\":{\"dtype\":\"BOOL\",\"shape\":[2,3],\"data_offsets\":[24,30]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        int padded = (h.length + 7) / 8 * 8;
        ByteBuffer bb = ByteBuffer.allocate(8 + padded + 30).order(ByteOrder.LITTLE_ENDIAN);
        bb.putLong(padded).put(h);
        for (int i = h.length; i < padded; i++) bb.put((byte) ' ');
        bb.putFloat(1f).putFloat(-2f).putFloat(3.5f).putFloat(0.25f).putLong(123456789012L);
        bb.put(new byte[] {1, 0, 1, 0, 0, 1});
        Path f = dir.resolve("hand.safetensors");
        Files.write(f, bb.array());

        try (SafetensorsReader in = Safetensors.open(f)) {
            assertArrayEquals(new float[] {1f, -2f, 3.5f, 0.25f}, in.f32("w"));
            assertArrayEquals(new long[] {123456789012L}, in.i64("n"));
            BitMask m = in.mask("m");
            assertEquals("101001", bits(m));
            assertEquals(Map.of("source", "hand"), in.metadata());
            assertEquals(java.util.List.of("w", "n", "m"), in.tensors().stream().map(TensorInfo::name).toList());
        }
    }

    /** The writer's bytes match the format: length prefix, JSON, then little-endian data at the offsets. */
    @Test void writerBytesFollowTheSpec() throws IOException {
        Path f = dir.resolve("w.safetensors");
        Safetensors.writer().f32("a", new float[] {1f, 2f}, 2).write(f);
        byte[] all = Files.readAllBytes(f);
        ByteBuffer bb = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) bb.getLong();
        String json = new String(all, 8, n, StandardCharsets.UTF_8).strip();
        assertEquals("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", json);
        assertEquals(8 + n + 8, all.length);
        assertEquals(1f, bb.getFloat(8 + n));
        assertEquals(2f, bb.getFloat(8 + n + 4));
    }

    private static String bits(BitMask m) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < m.rows; i++) for (int j = 0; j < m.cols; j++) sb.append(m.get(i, j) ? '1' : '0');
        return sb.toString();
    }

    @Test void writerRejectsBadInput() {
        SafetensorsWriter w = Safetensors.writer().f32("a", new float[4], 2, 2);
        assertThrows(IllegalArgumentException.class, () -> w.f32("a", new float[1], 1));
        assertThrows(IllegalArgumentException.class, () -> w.f32("b", new float[5], 2, 2));
        assertThrows(IllegalArgumentException.class, () -> w.f32("__metadata__", new float[1], 1));
    }

    @Test void emptyFileIsValid() throws IOException {
        Path f = dir.resolve("empty.safetensors");
        Safetensors.writer().write(f);
        try (SafetensorsReader in = Safetensors.open(f)) { assertTrue(in.tensors().isEmpty()); }
    }

    static byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bb = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        bb.putLong(h.length).put(h);
        return bb.array();
    }

    private void assertCorrupt(byte[] bytes, String expected) throws IOException {
        Path f = dir.resolve("bad.safetensors");
        Files.write(f, bytes);
        IOException e = assertThrows(IOException.class, () -> { try (var in = Safetensors.open(f)) { in.tensors(); } });
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    private static final String ONE = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";

    @Test void corruptAndTruncatedFilesAreRejected() throws IOException {
        assertCorrupt(new byte[5], "truncated");
        byte[] good = file(ONE, 8);
        assertCorrupt(Arrays.copyOf(good, good.length - 1), "truncated");          // data cut short
        assertCorrupt(Arrays.copyOf(good, 20), "exceeds");                          // header cut short
        assertCorrupt(Arrays.copyOf(good, good.length + 3), "trailing");            // garbage after the data
        byte[] huge = good.clone();
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(0, Long.MAX_VALUE);
        assertCorrupt(huge, "implausible");
        assertCorrupt(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}", 8), "JSON");
        assertCorrupt(file("[1,2,3]", 0), "does not start");
        assertCorrupt(file("{\"w\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4), "dtype F16");
        assertCorrupt(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8), "need 12");
        assertCorrupt(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8), "invalid dimension");
        assertCorrupt(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8), "end before begin");
        assertCorrupt(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 8), "ends at byte 12");
        assertCorrupt(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12), "gap of 4");
        assertCorrupt(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12), "overlap");
        assertCorrupt(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"x\":1}}", 8), "unknown field");
        assertCorrupt(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8), "data_offsets");
        assertCorrupt(file("{\"__metadata__\":{\"k\":1}," + ONE.substring(1), 8), "not a string");
        assertCorrupt(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "JSON");
        byte[] notUtf8 = file(ONE, 8);
        notUtf8[10] = (byte) 0xff;
        assertCorrupt(notUtf8, "UTF-8");
    }

    @Test void maskBytesMustBeZeroOrOne() throws IOException {
        byte[] b = file("{\"m\":{\"dtype\":\"BOOL\",\"shape\":[1,2],\"data_offsets\":[0,2]}}", 2);
        b[b.length - 1] = 2;
        Path f = dir.resolve("m.safetensors");
        Files.write(f, b);
        try (SafetensorsReader in = Safetensors.open(f)) {
            IOException e = assertThrows(IOException.class, () -> in.mask("m"));
            assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("byte 2"), e.getMessage());
        }
    }
}
