package lottery.nn.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as lower-case hex, the form published next to data files. */
public final class Checksums {
    private Checksums() {}

    public static String sha256(byte[] bytes) { return sha256(bytes, 0, bytes.length); }

    public static String sha256(byte[] bytes, int offset, int length) {
        MessageDigest md = newSha256();
        md.update(bytes, offset, length);
        return HexFormat.of().formatHex(md.digest());
    }

    /** The SHA-256 of a file's bytes, read in a stream. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md = newSha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) md.update(buffer, 0, n);
        }
        return hex(md);
    }

    /** A fresh SHA-256 digest (for hashing a stream as it is read). */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    public static String hex(MessageDigest md) { return HexFormat.of().formatHex(md.digest()); }
}
