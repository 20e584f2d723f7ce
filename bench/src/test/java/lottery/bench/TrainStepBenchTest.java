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
            TrainStepBench.Step s = new TrainStepBench.Step("lenet300", "masked", TrainStepBench.Plan.imp(rounds[i]), null, new float[60 * 784], new int[60], 1);
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

    @Test void convStepsTraceTheirLoweredProducts() {
        // conv2 on 3×32×32: conv1 [64, 27] and conv2 [64, 576] on 60·32·32 positions, then FC 16384-256-256-10
        TrainStepBench.Step s = new TrainStepBench.Step("conv2", "auto", TrainStepBench.Plan.uniform(0.1), null,
                new float[60 * 3 * 32 * 32], new int[60], 5);
        List<StepProducts.Layer> layers = StepProducts.layers(s.model, TrainStepBench.inputShape("conv2"), 60);
        assertEquals(List.of(new StepProducts.Layer("conv1.weight", 64, 27, 60 * 1024), new StepProducts.Layer("conv2.weight", 64, 576, 60 * 1024),
                new StepProducts.Layer("fc1.weight", 256, 16384, 60), new StepProducts.Layer("fc2.weight", 256, 256, 60),
                new StepProducts.Layer("fc3.weight", 10, 256, 60)), layers);
        List<GemmShape> products = StepProducts.products(layers, 60);
        assertEquals(14, products.size());
        assertEquals(2.0 * 60 * 1024 * 64 * 576, products.get(2).flops());   // conv2 forward
        assertEquals(0.1, s.weightsRemaining, 0.001);
    }

    @Test void convModelsReportDenseAutoAndSparse() {
        List<TrainStepRecord> recs = TrainStepBench.run("lenet5", List.of(TrainStepBench.Plan.uniform(1.0), TrainStepBench.Plan.uniform(0.2)),
                new int[]{1}, TimingPlan.SMOKE, 3, Progress.NONE);
        assertEquals(List.of("dense", "auto", "sparse"), recs.stream().map(TrainStepRecord::mode).toList());
        for (TrainStepRecord r : recs) {
            assertEquals("lenet5", r.model());
            assertTrue(r.ms() > 0 && r.floorMs() > 0 && Double.isFinite(r.ms()));
        }
        assertEquals(0.2, recs.get(1).density(), 0.002);
        assertThrows(IllegalArgumentException.class, () -> TrainStepBench.inputShape("resnet"));
        List<TrainStepRecord> withEval = TrainStepBench.run("lenet5", List.of(TrainStepBench.Plan.uniform(1.0)), new int[]{1},
                TimingPlan.SMOKE, 130, 3, Progress.NONE);
        TrainStepRecord eval = withEval.get(1);
        assertEquals("eval", eval.mode());
        assertEquals(130, eval.batch());
        assertTrue(eval.ms() > 0 && eval.floorMs() > 0);
    }
}
