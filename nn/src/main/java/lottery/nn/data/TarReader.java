package lottery.nn.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the entries of a tar stream (POSIX ustar, with the GNU long-name ('L') and pax
 * ('x' per-file path/size) extensions). Only what extracting files needs: names, types, sizes
 * and contents; header checksums are verified and a stream cut short is an IOException.
 */
public final class TarReader {
    private static final int BLOCK = 512;

    /** One entry: its full path inside the archive, type flag ('0' file, '5' directory, ...) and size. */
    public record Entry(String name, char type, long size) {
        public boolean isFile() { return type == '0' || type == '\0' || type == '7'; }
    }

    private final InputStream in;
    private final String source;
    private final byte[] header = new byte[BLOCK];
    private long remaining;       // unread content bytes of the current entry
    private long padding;         // bytes after the content up to the block boundary
    private boolean finished;

    /** {@code source} names the archive in error messages. */
    public TarReader(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /** The next file or directory entry, or null at the end of the archive. */
    public Entry next() throws IOException {
        skip(remaining + padding);
        remaining = padding = 0;
        String longName = null;
        Long paxSize = null;
        while (!finished) {
            if (!readBlock(header, true)) { finished = true; return null; }   // end of stream at a block boundary
            if (isZero(header)) { finished = true; return null; }              // end-of-archive marker
            checkChecksum();
            char type = (char) header[156];
            long size = size();
            if (type == 'L' || type == 'x' || type == 'g' || type == 'K') {
                byte[] body = readBody(size);
                if (type == 'L') longName = cString(body, 0, body.length);
                if (type == 'x') {
                    String path = pax(body, "path");
                    if (path != null) longName = path;
                    String s = pax(body, "size");
                    if (s != null) paxSize = parseLong(s, "pax size");
                }
                continue;   // 'g' (global pax) and 'K' (long link name) do not change file names
            }
            String name = longName != null ? longName : ustarName();
            if (paxSize != null) size = paxSize;
            remaining = size;
            padding = (BLOCK - size % BLOCK) % BLOCK;
            return new Entry(name, type, size);
        }
        return null;
    }

    /** The whole content of the current entry (at most 2 GiB). */
    public byte[] readContent() throws IOException {
        if (remaining > Integer.MAX_VALUE - 8) throw new IOException(source + ": tar entry too large to hold in memory (" + remaining + " bytes)");
        byte[] b = in.readNBytes((int) remaining);
        if (b.length < remaining) throw truncated();
        remaining = 0;
        return b;
    }

    private byte[] readBody(long size) throws IOException {
        if (size > 1 << 20) throw new IOException(source + ": corrupt tar: extended header of " + size + " bytes");
        byte[] b = in.readNBytes((int) size);
        if (b.length < size) throw truncated();
        skip((BLOCK - size % BLOCK) % BLOCK);
        return b;
    }

    private String ustarName() {
        String name = cString(header, 0, 100);
        boolean ustar = header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a' && header[261] == 'r';
        boolean posix = ustar && header[262] == 0;          // "ustar\0" has a prefix field; old GNU "ustar " does not
        String prefix = posix ? cString(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private long size() throws IOException {
        if ((header[124] & 0x80) != 0) {                    // GNU base-256 for sizes >= 8 GiB
            long v = 0;
            for (int i = 125; i < 136; i++) v = (v << 8) | (header[i] & 0xff);
            return v;
        }
        return octal(124, 12, "size");
    }

    private void checkChecksum() throws IOException {
        long stored = octal(148, 8, "checksum");
        long unsigned = 0, signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = i >= 148 && i < 156 ? ' ' : header[i];
            unsigned += b & 0xff;
            signed += (byte) b;
        }
        if (stored != unsigned && stored != signed) throw new IOException(source + ": corrupt tar: header checksum mismatch");
    }

    private long octal(int off, int len, String what) throws IOException {
        long v = 0;
        int i = off, end = off + len;
        while (i < end && (header[i] == ' ' || header[i] == 0)) i++;
        for (; i < end && header[i] != ' ' && header[i] != 0; i++) {
            int d = header[i] - '0';
            if (d < 0 || d > 7) throw new IOException(source + ": corrupt tar: bad octal " + what + " field");
            v = (v << 3) | d;
        }
        return v;
    }

    /** The value of {@code key} in a pax body of records "{@code <len> <key>=<value>\n}" (len counts bytes). */
    private String pax(byte[] body, String key) throws IOException {
        String found = null;
        int i = 0;
        while (i < body.length) {
            int sp = indexOf(body, (byte) ' ', i, body.length);
            if (sp < 0) break;
            int len = (int) parseLong(new String(body, i, sp - i, StandardCharsets.US_ASCII), "pax record length");
            int end = i + len;
            int eq = indexOf(body, (byte) '=', sp + 1, Math.min(end, body.length));
            if (len <= 0 || end > body.length || eq < 0 || body[end - 1] != '\n')
                throw new IOException(source + ": corrupt tar: malformed pax header record");
            if (new String(body, sp + 1, eq - sp - 1, StandardCharsets.UTF_8).equals(key))
                found = new String(body, eq + 1, end - 1 - (eq + 1), StandardCharsets.UTF_8);
            i = end;
        }
        return found;
    }

    private static int indexOf(byte[] b, byte v, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] == v) return i;
        return -1;
    }

    private long parseLong(String s, String what) throws IOException {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new IOException(source + ": corrupt tar: bad " + what + " '" + s + "'");
        }
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) end++;
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) if (x != 0) return false;
        return true;
    }

    /** Reads one block; false on a clean end of stream before its first byte (if allowed). */
    private boolean readBlock(byte[] b, boolean eofOk) throws IOException {
        int n = in.readNBytes(b, 0, BLOCK);
        if (n == 0 && eofOk) return false;
        if (n < BLOCK) throw truncated();
        return true;
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            long s = in.skip(n);
            if (s <= 0) {
                if (in.read() < 0) throw truncated();
                s = 1;
            }
            n -= s;
        }
    }

    private IOException truncated() { return new IOException(source + ": truncated tar archive"); }
}
