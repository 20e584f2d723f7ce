package lottery.nn.data;

import lottery.kernels.BitMask;
import lottery.nn.io.Safetensors;
import lottery.nn.io.SafetensorsReader;
import lottery.nn.io.TensorInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Thousands of seeded random and mutated files for each reader of outside data: safetensors, IDX
 * (plain and gzipped) and CIFAR-10 binary batches. Each must be read or rejected with an
 * IOException whose message is one line; nothing else may be thrown, nothing may hang, and no input
 * may make the reader allocate much more than its own size (a header that claims 2^40 elements must
 * be refused, not believed).
 */
class ReaderFuzzTest {
    static final int CASES = 1000;
    /** Bytes a reader may allocate per input: a constant for parsing state plus a multiple of the input. */
    static final long ALLOCATION_BASE = 4 << 20, ALLOCATION_PER_BYTE = 16;

    @TempDir Path dir;

    /** Reads a file completely; an IOException means rejected. */
    interface Reader {
        void read(Path file) throws IOException;
    }

    @Test void safetensors() throws IOException {
        byte[] valid = safetensorsSeed();
        run("safetensors", List.of(valid), ReaderFuzzTest::readSafetensors, rng -> {
            if (rng.nextBoolean()) return Mutations.mutate(valid, rng);
            // a well-framed file whose JSON header is mutated: reaches the header checks
            int n = (int) ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            byte[] header = Mutations.mutate(Arrays.copyOfRange(valid, 8, 8 + n), rng);
            byte[] data = Arrays.copyOfRange(valid, 8 + n, valid.length);
            ByteBuffer out = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
            return out.putLong(header.length).put(header).put(data).array();
        });
    }

    @Test void aSafetensorsHeaderClaimingTwoToTheFortyElementsIsRefusedNotBelieved() throws IOException {
        safetensorsSeed();
        readSafetensors(dir.resolve("seed.safetensors"));             // warm-up: class loading is not the input's
        for (String entry : List.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[1048576,1048576],\"data_offsets\":[0,4398046511104]}}",
                "{\"a\":{\"dtype\":\"BOOL\",\"shape\":[1099511627776],\"data_offsets\":[0,1099511627776]}}",
                "{\"a\":{\"dtype\":\"U8\",\"shape\":[2147483647],\"data_offsets\":[0,2147483647]}}")) {
            byte[] h = entry.getBytes(StandardCharsets.UTF_8);
            Path f = dir.resolve("huge.safetensors");
            Files.write(f, ByteBuffer.allocate(8 + h.length + 16).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h).array());
            long before = allocated();
            IOException e = assertThrows(IOException.class, () -> readSafetensors(f));
            assertTrue(allocated() - before < ALLOCATION_BASE, "allocated " + (allocated() - before));
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
        Path f = dir.resolve("long-header.safetensors");
        Files.write(f, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());
        assertTrue(assertThrows(IOException.class, () -> readSafetensors(f)).getMessage().contains("implausible"));
    }

    @Test void idx() throws IOException {
        byte[] images = Synthetic.idxImages(3, 28, 28, 5), labels = Synthetic.idxLabels(3, 10);
        List<byte[]> seeds = List.of(images, labels, Synthetic.gzip(images), Synthetic.gzip(labels));
        run("idx", seeds, file -> {
            IOException first = null;
            try {
                Idx.readImages(file, 28, 28);
            } catch (IOException e) {
                first = e;
            }
            try {
                Idx.readLabels(file, 10);
            } catch (IOException e) {
                if (first != null) throw e;                 // neither reader accepted it
            }
        }, rng -> Mutations.mutate(seeds.get(rng.nextInt(seeds.size())), rng));
    }

    @Test void aGzipThatExpandsWithoutBoundIsRefused() throws IOException {
        byte[] zeros = new byte[(1 << 20) + 1];
        ByteBuffer.wrap(zeros).putInt(Idx.LABELS_MAGIC).putInt(Integer.MAX_VALUE);
        Path f = dir.resolve("bomb.gz");
        Files.write(f, Synthetic.gzip(zeros));
        IOException e = assertThrows(IOException.class, () -> Idx.readBytes(f, 1 << 20));
        assertTrue(e.getMessage().contains("expands to more than 1 MiB"), e.getMessage());
        assertEquals(256L << 20, Idx.MAX_BYTES);
    }

    @Test void cifar10() throws IOException {
        byte[] valid = new byte[3 * Cifar10.RECORD];
        new SplittableRandom(1).nextBytes(valid);
        for (int r = 0; r < 3; r++) valid[r * Cifar10.RECORD] = (byte) (r * 4);
        run("cifar10", List.of(valid), file -> Cifar10.read(List.of(file)), rng -> Mutations.mutate(valid, rng));
    }

    private static void readSafetensors(Path file) throws IOException {
        try (SafetensorsReader r = Safetensors.open(file)) {
            r.metadata();
            for (TensorInfo t : r.tensors()) {
                switch (t.dtype()) {
                    case F32 -> r.f32(t.name());
                    case I32 -> r.i32(t.name());
                    case I64 -> r.i64(t.name());
                    case U8 -> r.u8(t.name());
                    case BOOL -> { if (t.shape().length == 2) r.mask(t.name()); else r.u8(t.name()); }
                }
            }
        }
    }

    private byte[] safetensorsSeed() throws IOException {
        BitMask m = new BitMask(3, 5);
        m.set(1, 2, true);
        m.set(2, 4, true);
        Path f = dir.resolve("seed.safetensors");
        Safetensors.writer().metadata("layers", "fc1.weight").metadata("shape.fc1.weight", "3,5")
                .f32("fc1.weight", new float[] {1, 2, 3, 4, 5, 6}, 2, 3).mask("fc1.mask", m).i64("steps", new long[] {7, 8}, 2)
                .write(f);
        return Files.readAllBytes(f);
    }

    /**
     * Feeds {@link #CASES} inputs from {@code next} (and the seeds first) to {@code reader} through a
     * file; checks the outcome, the message and the allocation of each, and the time of all.
     */
    private void run(String what, List<byte[]> seeds, Reader reader, Function<SplittableRandom, byte[]> next) {
        Path file = dir.resolve(what + ".fuzz");
        int[] outcome = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (byte[] s : seeds) {                        // warm-up: class loading and first-use allocations are not the input's
                Files.write(file, s);
                reader.read(file);
            }
            SplittableRandom rng = new SplittableRandom(what.hashCode());
            for (int i = 0; i < CASES; i++) {
                byte[] input = next.apply(rng);
                Files.write(file, input);
                long before = allocated();
                try {
                    reader.read(file);
                    outcome[0]++;
                } catch (IOException e) {
                    outcome[1]++;
                    String m = e.getMessage();
                    assertTrue(m != null && !m.isBlank() && m.lines().count() == 1, what + " case " + i + ": message " + m);
                } catch (Throwable t) {
                    fail(what + " case " + i + " (" + input.length + " bytes): unexpected " + t, t);
                }
                long used = allocated() - before;
                assertTrue(used <= ALLOCATION_BASE + ALLOCATION_PER_BYTE * input.length,
                        what + " case " + i + ": " + input.length + " bytes of input made the reader allocate " + used);
            }
        }, what + ": a reader hung");
        assertTrue(outcome[0] > 0 && outcome[1] > CASES / 10, what + ": accepted " + outcome[0] + ", rejected " + outcome[1]);
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
