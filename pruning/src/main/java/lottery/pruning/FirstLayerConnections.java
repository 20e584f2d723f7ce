package lottery.pruning;

import lottery.kernels.BitMask;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How many connections of the first prunable layer survive per input feature (for MNIST, per
 * pixel): the column sums of its mask [out, in], taken at the sparsest finished ticket level.
 */
public record FirstLayerConnections(String layer, int level, int replicate, int outputs, int[] perInput) {
    /** The counts for the sparsest ticket level of replicate 0, if any level is finished. */
    public static Optional<FirstLayerConnections> sparsest(ExperimentStore store) throws IOException {
        List<LevelResult> rs = store.results();
        Optional<LevelResult> last = rs.stream().filter(r -> r.arm().equals(Arm.TICKET.id()) && r.replicate() == 0)
                .max(Comparator.comparingInt(LevelResult::level));
        if (last.isEmpty()) return Optional.empty();
        Masks masks = store.readMasks(Arm.TICKET, 0, last.get().level());
        Masks.Layer first = masks.layers().getFirst();
        BitMask m = first.mask();
        int[] counts = new int[m.cols];
        for (int i = 0; i < m.rows; i++)
            for (int j = 0; j < m.cols; j++)
                if (m.get(i, j)) counts[j]++;
        return Optional.of(new FirstLayerConnections(first.name(), last.get().level(), 0, m.rows, counts));
    }
}
