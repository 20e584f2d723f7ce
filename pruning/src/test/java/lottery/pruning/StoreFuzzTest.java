package lottery.pruning;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Thousands of seeded mutations of the store's JSON files. A mutated level.json is either read as
 * exactly the record that was written (a mutation that only touched spacing) or rejected with one
 * line, and then the level is recomputed; never accepted with other values. A mutated config.json
 * opens the store only when it still records this configuration; otherwise it is a one-line error.
 */
class StoreFuzzTest {
    static final int CASES = 1000;
    private static final String[] SNIPPETS = {"0", "-1", "1e999999", "1099511627776", "99999999999999999999999", "NaN", "null", "true",
            "\"\"", "\"ticket\"", "[]", "{}", "[", "]", "{", "}", ",", ":", "\"", "\\u0000", "\"arm\" : \"reinit\", ", "\"x\" : 1, "};

    @TempDir Path out;

    @Test void levelJson() throws IOException {
        ExperimentConfig c = ImpTest.config("init", 1, List.of(Arm.TICKET));
        ImpTest.run(c, new FakeNetwork.Factory(20, 5), out, new ArrayList<>());
        ExperimentStore store = ExperimentStore.open(out, c);
        Path json = store.resultFile(Arm.TICKET, 0, 1);
        byte[] valid = Files.readAllBytes(json);
        LevelRecord original = LevelRecord.read(json);
        int[] outcome = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            SplittableRandom rng = new SplittableRandom(1);
            for (int i = 0; i < CASES; i++) {
                // every tenth case only adds spacing, so acceptance is exercised whatever the record's
                // measured fields (wall time) make of the random mutations' positions
                byte[] input = i % 10 == 0 ? respace(valid, rng) : mutate(valid, rng);
                Files.write(json, input);
                try {
                    LevelRecord r = LevelRecord.read(json);
                    String text = new String(input, StandardCharsets.UTF_8);
                    assertEquals(original, r, "case " + i + " was accepted with other values: " + text);
                    outcome[0]++;
                } catch (IOException e) {
                    assertNotEquals(0, i % 10, "case " + i + ": a record with only its spacing changed was rejected: " + e.getMessage());
                    outcome[1]++;
                    assertOneLine(e.getMessage(), i);
                    List<String> reports = new ArrayList<>();
                    assertEquals(Optional.empty(), store.finished(Arm.TICKET, 0, 1, reports::add));
                    assertEquals(1, reports.size());
                    assertOneLine(reports.getFirst(), i);
                } catch (RuntimeException e) {
                    fail("case " + i + ": unexpected " + e, e);
                }
            }
        });
        assertTrue(outcome[0] >= CASES / 10 && outcome[1] > CASES / 2, "accepted " + outcome[0] + ", rejected " + outcome[1]);
    }

    @Test void configJson() throws IOException {
        ExperimentConfig c = ImpTest.config("init", 1, List.of(Arm.TICKET));
        ExperimentStore store = ExperimentStore.open(out, c);
        Path file = store.dir().resolve("config.json");
        byte[] valid = Files.readAllBytes(file);
        int[] outcome = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            SplittableRandom rng = new SplittableRandom(2);
            for (int i = 0; i < CASES; i++) {
                byte[] input = mutate(valid, rng);
                Files.write(file, input);
                try {
                    ExperimentStore.open(out, c);
                    ExperimentStore.existing(store.dir()).results();
                    outcome[0]++;
                } catch (IOException | IllegalStateException e) {
                    outcome[1]++;
                    assertOneLine(e.getMessage(), i);
                } catch (RuntimeException e) {
                    fail("case " + i + ": unexpected " + e + " for " + new String(input, StandardCharsets.UTF_8), e);
                }
            }
        });
        assertTrue(outcome[0] > 0 && outcome[1] > CASES / 2, "accepted " + outcome[0] + ", rejected " + outcome[1]);
    }

    private static void assertOneLine(String m, int i) {
        assertTrue(m != null && !m.isBlank() && m.lines().count() == 1, "case " + i + ": message " + m);
    }

    /** Spacing put in after a random separator (',' or ':'; neither occurs inside this record's strings). */
    static byte[] respace(byte[] seed, SplittableRandom rng) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < seed.length; i++) if (seed[i] == ',' || seed[i] == ':') at.add(i + 1);
        byte[] space = new byte[1 + rng.nextInt(4)];
        for (int i = 0; i < space.length; i++) space[i] = (byte) " \t\r\n".charAt(rng.nextInt(4));
        return splice(seed, at.get(rng.nextInt(at.size())), 0, space);
    }

    /** One to three of: a bit flip, a random byte, a cut, a deletion, a repeated slice, a JSON snippet put in, deep nesting. */
    static byte[] mutate(byte[] seed, SplittableRandom rng) {
        byte[] b = seed.clone();
        for (int k = 1 + rng.nextInt(3); k > 0; k--) {
            int len = b.length, at = len == 0 ? 0 : rng.nextInt(len);
            switch (rng.nextInt(8)) {
                case 0 -> { if (len > 0) b[at] ^= (byte) (1 << rng.nextInt(8)); }
                case 1 -> { if (len > 0) b[at] = (byte) rng.nextInt(256); }
                case 2 -> b = Arrays.copyOf(b, at);
                case 3 -> b = splice(b, at, Math.min(len - at, 1 + rng.nextInt(16)), new byte[0]);
                case 4 -> b = splice(b, rng.nextInt(len + 1), 0, Arrays.copyOfRange(b, at, Math.min(len, at + 1 + rng.nextInt(64))));
                case 5 -> b = splice(b, at, 0, snippet(rng));
                case 6 -> {                                                    // swap a number or a word for a snippet
                    int s = at, e = at;
                    while (e < len && (Character.isLetterOrDigit(b[e]) || b[e] == '.' || b[e] == '-')) e++;
                    b = splice(b, s, e - s, snippet(rng));
                }
                default -> b = splice(b, at, 0, ("[".repeat(2000) + "]".repeat(rng.nextInt(2001))).getBytes(StandardCharsets.UTF_8));
            }
        }
        return b;
    }

    private static byte[] snippet(SplittableRandom rng) { return SNIPPETS[rng.nextInt(SNIPPETS.length)].getBytes(StandardCharsets.UTF_8); }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(b.length + insert.length);
        o.write(b, 0, at);
        o.write(insert, 0, insert.length);
        o.write(b, at + remove, b.length - at - remove);
        return o.toByteArray();
    }
}
