package lottery.nn.data;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded mutations of a valid file for fuzzing its reader: bit flips, byte overwrites, cuts,
 * insertions, repeated slices, integers that lie about sizes (0, -1, 2^31, 2^40, ...), numbers and
 * names in a text header swapped for extreme ones, and plain random bytes.
 */
final class Mutations {
    private static final long[] INTERESTING = {0, 1, -1, 0x7f, 0x80, 0xff, 0x7fff_ffffL, 0x8000_0000L, 0xffff_ffffL, 1L << 40,
            Long.MAX_VALUE, Long.MIN_VALUE, 3073, 784, 2051, 2049};
    private static final String[] NUMBERS = {"0", "-1", "1099511627776", "2147483648", "9223372036854775808", "1e30", "1.5", "-0",
            "99999999999999999999999999999", "NaN", "\"7\"", "[]", "{}", "null", "true"};
    private static final String[] NAMES = {"F32", "BOOL", "I64", "U8", "I32", "F16", "BF16", "", "__metadata__", "dtype", "shape"};

    private Mutations() {}

    /** One to three stacked mutations of {@code seed} (never modified). */
    static byte[] mutate(byte[] seed, SplittableRandom rng) {
        byte[] b = seed.clone();
        int n = 1 + rng.nextInt(3);
        for (int k = 0; k < n; k++) b = once(b, rng);
        return b;
    }

    private static byte[] once(byte[] b, SplittableRandom rng) {
        int len = b.length;
        switch (rng.nextInt(10)) {
            case 0 -> {
                if (len > 0) for (int k = 1 + rng.nextInt(8); k > 0; k--) b[rng.nextInt(len)] ^= (byte) (1 << rng.nextInt(8));
            }
            case 1 -> { if (len > 0) for (int k = 1 + rng.nextInt(4); k > 0; k--) b[rng.nextInt(len)] = (byte) rng.nextInt(256); }
            case 2 -> { return len == 0 ? b : Arrays.copyOf(b, rng.nextInt(len)); }
            case 3 -> {
                byte[] extra = new byte[1 + rng.nextInt(64)];
                rng.nextBytes(extra);
                return splice(b, rng.nextInt(len + 1), 0, extra);
            }
            case 4 -> {
                if (len > 0) {
                    int at = rng.nextInt(len);
                    return splice(b, at, Math.min(len - at, 1 + rng.nextInt(32)), new byte[0]);
                }
            }
            case 5 -> {
                if (len > 0) {
                    int at = rng.nextInt(len), n = Math.min(len - at, 1 + rng.nextInt(64));
                    return splice(b, rng.nextInt(len + 1), 0, Arrays.copyOfRange(b, at, at + n));
                }
            }
            case 6, 7 -> {
                int width = rng.nextBoolean() ? 4 : 8;
                if (len >= width) {
                    long v = INTERESTING[rng.nextInt(INTERESTING.length)];
                    // most size fields sit near the start: prefer it
                    int at = rng.nextInt(4) == 0 ? rng.nextInt(len - width + 1) : Math.min(len - width, 4 * rng.nextInt(5));
                    ByteBuffer bb = ByteBuffer.wrap(b).order(rng.nextBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
                    if (width == 4) bb.putInt(at, (int) v); else bb.putLong(at, v);
                }
            }
            case 8 -> { return token(b, rng); }
            default -> {
                byte[] r = new byte[rng.nextInt(513)];
                rng.nextBytes(r);
                return r;
            }
        }
        return b;
    }

    /** Replaces a run of digits or capital letters (a number or a dtype in a text header) with an extreme one. */
    private static byte[] token(byte[] b, SplittableRandom rng) {
        if (b.length == 0) return b;
        int limit = Math.min(b.length, 4096);
        for (int tries = 0; tries < 16; tries++) {
            int i = rng.nextInt(limit);
            boolean digit = Character.isDigit(b[i]), upper = b[i] >= 'A' && b[i] <= 'Z';
            if (!digit && !upper) continue;
            int s = i, e = i;
            while (s > 0 && (digit ? Character.isDigit(b[s - 1]) : b[s - 1] >= 'A' && b[s - 1] <= 'Z' || Character.isDigit(b[s - 1]))) s--;
            while (e < b.length && (digit ? Character.isDigit(b[e]) : b[e] >= 'A' && b[e] <= 'Z' || Character.isDigit(b[e]))) e++;
            String with = digit ? NUMBERS[rng.nextInt(NUMBERS.length)] : NAMES[rng.nextInt(NAMES.length)];
            return splice(b, s, e - s, with.getBytes(StandardCharsets.UTF_8));
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + insert.length);
        out.write(b, 0, at);
        out.write(insert, 0, insert.length);
        out.write(b, at + remove, b.length - at - remove);
        return out.toByteArray();
    }
}
