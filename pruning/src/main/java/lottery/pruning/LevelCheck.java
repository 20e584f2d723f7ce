package lottery.pruning;

import lottery.nn.io.Checksums;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Checks a finished level on disk before it is trusted, so that a valid file from the wrong place
 * (another level's mask copied over this one) is found as surely as a damaged one:
 * <ol>
 * <li>level.json reads back whole, with its own checksum, and names this arm, replicate and level;</li>
 * <li>every file it lists has the SHA-256 it records (level 0 of the ticket also lists θ0 and θk);</li>
 * <li>the masks and weights parse, and every pruned weight is exactly 0;</li>
 * <li>the masks keep the per-layer counts level.json records, and the counts the pruning schedule
 *     gives this level ({@link PruningSchedule}).</li>
 * </ol>
 * A level.json written before checksums existed has none to check: steps 1, 3 and 4 still run.
 */
final class LevelCheck {
    /** Files every checksummed level lists. */
    static final List<String> LEVEL_FILES = List.of("mask.safetensors", "weights.safetensors", "metrics.csv");

    private LevelCheck() {}

    /** The level's record after every check passed; an IOException saying what is wrong otherwise. */
    static LevelRecord verify(ExperimentStore store, Arm arm, int replicate, int level, PruningSchedule schedule) throws IOException {
        Path dir = store.levelDir(arm, replicate, level);
        Path json = store.resultFile(arm, replicate, level);
        LevelRecord record = LevelRecord.read(json);
        LevelResult r = record.result();
        if (r.level() != level || r.replicate() != replicate || !r.arm().equals(arm.id()))
            throw new IOException(json + " describes " + r.arm() + "/rep" + r.replicate() + "/level" + r.level());
        if (record.checksummed()) {
            for (String name : LEVEL_FILES)
                if (!record.files().containsKey(name)) throw new IOException(json + " has no checksum for " + name);
            for (Map.Entry<String, String> e : record.files().entrySet()) {
                Path f = dir.resolve(e.getKey()).normalize();
                if (!Files.isRegularFile(f)) throw new IOException(f + " is missing");
                String sha = Checksums.sha256(f);
                if (!sha.equals(e.getValue())) throw new IOException(f + " does not match the sha256 recorded in level.json");
            }
        } else if (!Files.isRegularFile(dir.resolve("metrics.csv"))) {
            throw new IOException(dir.resolve("metrics.csv") + " is missing");
        }
        Masks masks = store.readMasks(arm, replicate, level);
        Map<String, float[]> weights = store.readWeights(arm, replicate, level);
        checkPrunedWeightsAreZero(store.weightsFile(arm, replicate, level), masks, weights);
        if (!masks.remainingPerLayer().equals(r.remainingPerLayer()) || masks.weightsRemaining() != r.weightsRemaining())
            throw new IOException(store.maskFile(arm, replicate, level) + " keeps " + masks.remainingPerLayer()
                    + " weights but level.json records " + r.remainingPerLayer() + " (a mask from another level?)");
        String off = schedule == null ? null : schedule.mismatch(masks, level);
        if (off != null) throw new IOException(store.maskFile(arm, replicate, level) + " does not follow the pruning schedule: " + off);
        return record;
    }

    private static void checkPrunedWeightsAreZero(Path file, Masks masks, Map<String, float[]> weights) throws IOException {
        for (Masks.Layer l : masks.layers()) {
            float[] w = weights.get(l.name());
            if (w == null) throw new IOException(file + " has no weights for the masked layer '" + l.name() + "'");
            if (w.length != l.size())
                throw new IOException(file + ": '" + l.name() + "' has " + w.length + " weights, its mask " + l.size());
            for (int i = 0; i < w.length; i++)
                if (w[i] != 0f && !l.mask().get(i))
                    throw new IOException(file + ": pruned weight " + i + " of '" + l.name() + "' is " + w[i] + ", not 0");
        }
    }
}
