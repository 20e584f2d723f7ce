package lottery.nn.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Small synthetic data files assembled byte by byte as the formats specify. */
final class Synthetic {
    private Synthetic() {}

    /** IDX images [n, rows, cols] with seeded random pixels. */
    static byte[] idxImages(int n, int rows, int cols, long seed) {
        ByteBuffer b = ByteBuffer.allocate(16 + n * rows * cols);   // big-endian by default
        b.putInt(Idx.IMAGES_MAGIC).putInt(n).putInt(rows).putInt(cols);
        byte[] px = new byte[n * rows * cols];
        new Random(seed).nextBytes(px);
        return b.put(px).array();
    }

    /** IDX labels [n], label i = i % classes. */
    static byte[] idxLabels(int n, int classes) {
        ByteBuffer b = ByteBuffer.allocate(8 + n);
        b.putInt(Idx.LABELS_MAGIC).putInt(n);
        for (int i = 0; i < n; i++) b.put((byte) (i % classes));
        return b.array();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) { gz.write(data); }
        return out.toByteArray();
    }

    /** Builds a tar stream entry by entry (ustar headers). */
    static final class Tar {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        /** A regular file; a name longer than 100 bytes is split into the ustar prefix field. */
        Tar file(String name, byte[] content) {
            String prefix = "";
            if (name.length() > 100) {
                int slash = name.lastIndexOf('/', 155);
                prefix = name.substring(0, slash);
                name = name.substring(slash + 1);
            }
            return entry(name, prefix, '0', content);
        }

        Tar dir(String name) { return entry(name, "", '5', new byte[0]); }

        /** A GNU long-name entry for the next entry, followed by that entry with a truncated name. */
        Tar gnuLongName(String name, byte[] content) {
            byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_8);
            entry("././@LongLink", "", 'L', n);
            return entry(name.substring(0, 99), "", '0', content);
        }

        /** A pax extended header giving the next entry's path, then the entry under a short name. */
        Tar paxPath(String name, byte[] content) {
            String rec = " path=" + name + "\n";
            int len = rec.getBytes(StandardCharsets.UTF_8).length;
            int total = len + String.valueOf(len).length();
            if (String.valueOf(total).length() != String.valueOf(len).length()) total++;
            entry("PaxHeaders/x", "", 'x', (total + rec).getBytes(StandardCharsets.UTF_8));
            return entry("short-name", "", '0', content);
        }

        Tar entry(String name, String prefix, char type, byte[] content) {
            byte[] h = new byte[512];
            put(h, 0, name, 100);
            put(h, 100, "0000644", 8);
            put(h, 108, "0001750", 8);
            put(h, 116, "0001750", 8);
            put(h, 124, String.format("%011o", content.length), 12);
            put(h, 136, String.format("%011o", 1_500_000_000L), 12);
            for (int i = 148; i < 156; i++) h[i] = ' ';
            h[156] = (byte) type;
            put(h, 257, "ustar", 6);
            h[263] = '0'; h[264] = '0';
            put(h, 345, prefix, 155);
            int sum = 0;
            for (byte x : h) sum += x & 0xff;
            put(h, 148, String.format("%06o", sum), 6);
            h[154] = 0;
            out.writeBytes(h);
            out.writeBytes(content);
            out.writeBytes(new byte[(512 - content.length % 512) % 512]);
            return this;
        }

        byte[] bytes() {
            out.writeBytes(new byte[1024]);
            return out.toByteArray();
        }

        private static void put(byte[] h, int off, String s, int max) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length > max) throw new IllegalArgumentException(s);
            System.arraycopy(b, 0, h, off, b.length);
        }
    }
}
