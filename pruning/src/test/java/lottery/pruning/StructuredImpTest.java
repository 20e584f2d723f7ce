package lottery.pruning;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** IMP with the structured strategies, through the store: stepped N:M by level, whole blocks, resume. */
class StructuredImpTest {
    @TempDir Path out;

    static ExperimentConfig config(String strategy, int levels) {
        return ImpTest.config("init", levels, Arm.parseList("ticket,reinit")).withStrategy(strategy);
    }

    @Test void steppedNmFollowsTheLevelsAndAResumedRunTrustsTheStore() throws IOException {
        ExperimentConfig c = config("nm:4:8,2:8,1:8", 3);
        FakeNetwork.Factory f = new FakeNetwork.Factory(20, 5);
        ImpTest.run(c, f, out, new ArrayList<>());
        ExperimentStore store = ExperimentStore.open(out, c);
        int[] n = {8, 4, 2, 1};
        for (int level = 0; level <= 3; level++) {
            Masks ticket = store.readMasks(Arm.TICKET, 0, level);
            // l1 [6, 10]: a group of 8 and one of 2; l2 [3, 6]: one group of 6
            assertEquals(6 * (Math.min(n[level], 8) + Math.min(n[level], 2)), ticket.layer("l1.weight").remaining(), "level " + level);
            assertEquals(3 * Math.min(n[level], 6), ticket.layer("l2.weight").remaining(), "level " + level);
            if (level > 0) {
                assertEquals(4 >> (level - 1), NmPruning.mostPerGroup(ticket.mask("l1.weight"), 8));
                assertEquals(ticket, store.readMasks(Arm.REINIT, 0, level));
            }
        }
        int trainings = f.trainings;
        List<LevelResult> again = ImpTest.run(c, f, out, new ArrayList<>());
        assertEquals(trainings, f.trainings, "a finished structured run does no work again");
        assertEquals(7, again.size());
        java.util.Map<String, int[]> prunable = new java.util.LinkedHashMap<>();
        for (Masks.Layer l : store.readMasks(Arm.TICKET, 0, 0).layers()) prunable.put(l.name(), l.shape());
        assertThrows(IllegalArgumentException.class, () -> PruningSchedule.of(c).checkLevels(prunable, 4));
    }

    @Test void blocksStayWholeThroughImp() throws IOException {
        ExperimentConfig c = config("block:3x2", 2);
        FakeNetwork.Factory f = new FakeNetwork.Factory(20, 5);
        ImpTest.run(c, f, out, new ArrayList<>());
        ExperimentStore store = ExperimentStore.open(out, c);
        // l1 [6, 10]: 2 x 5 = 10 blocks, 20% a round: 10 -> 8 -> 6; l2 [3, 6]: 3 blocks, 10%: rint(0.3) = 0
        int[] l1 = {10, 8, 6};
        for (int level = 0; level <= 2; level++) {
            Masks ticket = store.readMasks(Arm.TICKET, 0, level);
            assertEquals(l1[level], BlockPruningTest.wholeBlocks(ticket.mask("l1.weight"), 3, 2));
            assertEquals(l1[level] * 6, ticket.layer("l1.weight").remaining());
            assertEquals(18, ticket.layer("l2.weight").remaining());
        }
    }
}
