package lottery.pruning;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Derives independent seeds from the experiment seed and a path of names, e.g.
 * {@code derive(seed, "reinit", arm, replicate, level)}: the first 8 bytes of the SHA-256 of the
 * path. The same path always gives the same seed, whatever runs before it, so a resumed run
 * draws exactly what an uninterrupted one would.
 */
public final class Seeds {
    private Seeds() {}

    public static long derive(long seed, Object... path) {
        StringBuilder s = new StringBuilder(Long.toString(seed));
        for (Object p : path) s.append('/').append(p);
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) v = (v << 8) | (h[i] & 0xff);
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
