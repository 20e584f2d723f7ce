package lottery.nn.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The IDX format of MNIST and Fashion-MNIST: a 4-byte magic (0x00000803 for uint8 images
 * [count, rows, cols], 0x00000801 for uint8 labels [count]), big-endian int32 dimensions, then the
 * bytes. Files may be gzip-compressed (detected by the magic bytes 1f 8b, whatever the name).
 * Every defect is an IOException naming the file and what is wrong.
 */
public final class Idx {
    public static final int IMAGES_MAGIC = 0x00000803;
    public static final int LABELS_MAGIC = 0x00000801;
    /** The most uncompressed bytes read from one file (MNIST's largest file has 47 MB). */
    public static final long MAX_BYTES = 256L << 20;

    /** uint8 images [count, rows, cols], row-major. */
    public record Images(int count, int rows, int cols, byte[] pixels) {
        public int pixelsPerImage() { return rows * cols; }
    }

    private Idx() {}

    /** The uncompressed bytes of {@code file} (gunzipped when it starts with the gzip magic). */
    public static byte[] readBytes(Path file) throws IOException {
        return readBytes(file, MAX_BYTES);
    }

    static byte[] readBytes(Path file, long maxBytes) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        return isGzip(raw) ? gunzip(file, raw, maxBytes) : raw;
    }

    public static boolean isGzip(byte[] b) {
        return b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }

    /** Reads an image file; {@code rows}/{@code cols} are the expected image size. */
    public static Images readImages(Path file, int rows, int cols) throws IOException {
        return parseImages(file, readBytes(file), rows, cols);
    }

    /** Reads a label file; every label must be in [0, classes). */
    public static int[] readLabels(Path file, int classes) throws IOException {
        return parseLabels(file, readBytes(file), classes);
    }

    /** Parses uncompressed image bytes read from {@code file} (named in errors). */
    public static Images parseImages(Path file, byte[] b, int rows, int cols) throws IOException {
        checkMagic(file, b, IMAGES_MAGIC, 16);
        int count = dim(b, 0), r = dim(b, 1), c = dim(b, 2);
        if (count <= 0) throw bad(file, "holds " + count + " images (zero or negative count)");
        if (r != rows || c != cols)
            throw bad(file, "images are " + r + "x" + c + ", expected " + rows + "x" + cols + " (wrong dataset?)");
        int header = 16;
        checkLength(file, b, header, (long) count * r * c, "images");
        byte[] pixels = new byte[count * r * c];
        System.arraycopy(b, header, pixels, 0, pixels.length);
        return new Images(count, r, c, pixels);
    }

    /** Parses uncompressed label bytes read from {@code file} (named in errors). */
    public static int[] parseLabels(Path file, byte[] b, int classes) throws IOException {
        checkMagic(file, b, LABELS_MAGIC, 8);
        int count = dim(b, 0);
        if (count <= 0) throw bad(file, "holds " + count + " labels (zero or negative count)");
        int header = 8;
        checkLength(file, b, header, count, "labels");
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int y = b[header + i] & 0xff;
            if (y >= classes) throw bad(file, "label " + y + " at index " + i + " is out of range [0, " + classes + ")");
            labels[i] = y;
        }
        return labels;
    }

    private static void checkMagic(Path file, byte[] b, int expected, int header) throws IOException {
        if (b.length < 4) throw bad(file, "truncated: " + b.length + " bytes, too short for an IDX header");
        int magic = ByteBuffer.wrap(b).getInt(0);
        if (magic == expected) {
            if (b.length < header) throw bad(file, "truncated: " + b.length + " bytes, too short for its " + header + "-byte IDX header");
            return;
        }
        String what = magic == IMAGES_MAGIC ? " (an image file)" : magic == LABELS_MAGIC ? " (a label file)" : " (not an IDX file)";
        throw bad(file, String.format("wrong magic 0x%08x%s, expected 0x%08x (%s)", magic, what, expected,
                expected == IMAGES_MAGIC ? "images" : "labels"));
    }

    private static int dim(byte[] b, int i) {
        return ByteBuffer.wrap(b).getInt(4 + 4 * i);
    }

    private static void checkLength(Path file, byte[] b, int header, long payload, String what) throws IOException {
        long expected = header + payload;
        if (b.length < expected)
            throw bad(file, "truncated: " + b.length + " bytes, expected " + expected + " for its " + what);
        if (b.length > expected)
            throw bad(file, (b.length - expected) + " unexpected bytes after the " + what + " (expected " + expected + " bytes in all)");
    }

    /**
     * Gunzips at most {@code maxBytes}: a small file that claims to expand without bound (damaged,
     * or a gzip bomb) is an error before it can exhaust memory.
     */
    private static byte[] gunzip(Path file, byte[] raw, long maxBytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(maxBytes, Math.max(1 << 16, raw.length * 2L)));
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (out.size() + (long) n > maxBytes)
                    throw bad(file, "expands to more than " + (maxBytes >> 20) + " MiB, larger than any IDX dataset file "
                            + "(damaged or not IDX data)");
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (EOFException e) {
            throw bad(file, "truncated gzip data");
        } catch (ZipException e) {
            throw bad(file, "corrupt gzip data (" + e.getMessage() + ")");
        }
    }

    static IOException bad(Path file, String what) {
        return new IOException(file + ": " + what);
    }
}
