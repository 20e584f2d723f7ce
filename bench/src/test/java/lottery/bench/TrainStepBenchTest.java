package lottery.bench;

import lottery.kernels.Threads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TrainStepBenchTest {
    @AfterEach void restoreThreads() { Threads.set(Runtime.getRuntime().availableProcessors()); }

    @Test void impPlansGiveThePapersWeightsRemaining() {
        double[] expect = {1.0, 0.513, 0.211, 0.070, 0.036, 0.019};
        int[] rounds = {0, 3, 7, 12, 15, 18};
        for (int i = 0; i < rounds.length; i++) {
            TrainStepBench.Step s = new TrainStepBench.Step("masked", TrainStepBench.Plan.imp(rounds[i]), null, new float[60 * 784], new int[60], 1);
            assertEquals(expect[i], s.weightsRemaining, 0.0015, "round " + rounds[i]);
        }
    }

    @Test void stepsRunAndReportEveryMode() {
        List<TrainStepRecord> recs = TrainStepBench.run(List.of(TrainStepBench.Plan.uniform(1.0), TrainStepBench.Plan.uniform(0.036)),
                new int[]{1}, TimingPlan.SMOKE, 3, Progress.NONE);
        assertEquals(List.of("dense", "auto", "masked", "sparse"), recs.stream().map(TrainStepRecord::mode).toList());
        for (TrainStepRecord r : recs) {
            assertTrue(r.ms() > 0 && r.floorMs() > 0);
            assertTrue(Double.isFinite(r.ms()));
        }
        TrainStepRecord masked = recs.get(2);
        assertEquals(0.036, masked.density(), 0.001);
        assertEquals(4L * (300 * 784 + 100 * 300 + 10 * 100), masked.maskFloatBytes());
        assertEquals(8L * (300 * 13 + 100 * 5 + 10 * 2), masked.maskBitBytes());  // rows padded to 64-bit words
        assertEquals(0, recs.get(0).maskBitBytes());
    }
}
