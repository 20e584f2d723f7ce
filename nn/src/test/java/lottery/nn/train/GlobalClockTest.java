package lottery.nn.train;

import lottery.kernels.BitMask;
import lottery.nn.Dropout;
import lottery.nn.Init;
import lottery.nn.Module;
import lottery.nn.Parameter;
import lottery.nn.data.BatchLoader;
import lottery.nn.models.Models;
import lottery.nn.optim.Schedule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Late rewinding on the global clock: a run resumed at step k continues the dense run. The optimizer
 * starts fresh, so the continuation is exact for a stateless optimizer (SGD without momentum); with
 * Adam the first resumed step still sees the dense run's weights, batch, dropout mask and rate.
 */
class GlobalClockTest {
    static final int T = 40, K = 13;

    /** Warm-up schedule longer than k, so a schedule restarted at k would change every step up to 30. */
    static TrainConfig cfg() { return cfg("sgd"); }

    static TrainConfig cfg(String optimizer) {
        return new TrainConfig(T, 20, optimizer, optimizer.equals("sgd") ? 0.1 : 1e-2, 0, false, 0, Schedule.warmup(30), 10, 5);
    }

    /** LeNet on the 4×4 blobs, dropout 0.3 on its hidden layers, every weight under an all-ones mask. */
    static Module model() {
        Module m = Models.create("lenet300", TrainerTest.SHAPE, 3, 7, new Models.Options(0.3, Init.GLOROT_NORMAL));
        for (Parameter p : m.parameters()) {
            if (!p.prunable()) continue;
            int[] s = p.shape();
            p.setMask(BitMask.ones(s[0], p.size() / s[0]));
        }
        return m;
    }

    record Run(Map<Integer, Float> losses, List<EvalPoint> evals, Map<String, float[]> thetaK, Map<String, float[]> end) {}

    static Run run(Map<String, float[]> from, int start) { return run(from, start, cfg()); }

    static Run run(Map<String, float[]> from, int start, TrainConfig cfg) {
        Module m = model();
        if (from != null) m.loadState(from);
        Dropout.seekAll(m, start);
        Map<Integer, Float> losses = new java.util.TreeMap<>();
        List<Map<String, float[]>> snap = new ArrayList<>();
        TrainResult r = Trainer.train(m, cfg, TrainerTest.data(), new TrainListener() {
            @Override public void onStep(int it, float loss) { losses.put(it, loss); }
            @Override public void onIteration(int it, Module model) { if (it == K) snap.add(model.stateCopy()); }
        }, start);
        return new Run(losses, r.evals(), snap.isEmpty() ? null : snap.getFirst(), m.stateCopy());
    }

    @Test void aRunResumedAtKReproducesTheDenseRunsStepsKToTBitForBit() {
        run(null, 0);                                           // warm-up: compare compiled runs only
        Run dense = run(null, 0);
        Run resumed = run(dense.thetaK(), K);
        assertEquals(T - K, resumed.losses().size());
        assertEquals(K + 1, resumed.losses().keySet().iterator().next(), "steps are counted on the global clock");
        for (int it = K + 1; it <= T; it++)
            assertEquals(Float.floatToIntBits(dense.losses().get(it)), Float.floatToIntBits(resumed.losses().get(it)),
                    "loss at step " + it);
        dense.end().forEach((k, v) -> assertArrayEquals(v, resumed.end().get(k), k));
        List<EvalPoint> after = dense.evals().stream().filter(e -> e.iteration() > K).toList();
        assertEquals(after.stream().map(EvalPoint::iteration).toList(), resumed.evals().stream().map(EvalPoint::iteration).toList());
        for (int i = 0; i < after.size(); i++) {
            assertEquals(after.get(i).valLoss(), resumed.evals().get(i).valLoss(), 0.0);
            assertEquals(after.get(i).testAccuracy(), resumed.evals().get(i).testAccuracy(), 0.0);
        }
    }

    @Test void withAdamTheFirstResumedStepIsTheDenseRunsAndTheOptimizerIsFresh() {
        Run dense = run(null, 0, cfg("adam"));
        Run resumed = run(dense.thetaK(), K, cfg("adam"));
        assertEquals(Float.floatToIntBits(dense.losses().get(K + 1)), Float.floatToIntBits(resumed.losses().get(K + 1)));
        assertNotEquals(dense.losses().get(K + 2), resumed.losses().get(K + 2), "Adam's moments restart at k");
    }

    @Test void restartingTheClockAtThetaKWouldTrainSomethingElse() {
        Run dense = run(null, 0);
        Run restarted = run(dense.thetaK(), 0);                 // the old semantics: θk, then steps 1..T
        assertNotEquals(dense.losses().get(K + 1), restarted.losses().get(1));
    }

    @Test void theDataOrderAtStepKIsTheDenseRunsAcrossEpochs() {
        BatchLoader dense = new BatchLoader(TrainerTest.blobs("train", 70, 1), 20, 5, true, false);
        BatchLoader resumed = new BatchLoader(TrainerTest.blobs("train", 70, 1), 20, 5, true, false);
        assertEquals(3, dense.batchesPerEpoch(), "the last partial batch (10 of 70) is dropped");
        float[] x = dense.newXBuffer(), xr = resumed.newXBuffer();
        int[] y = dense.newYBuffer(), yr = resumed.newYBuffer();
        for (int b = 0; b < 5; b++) dense.next(x, y);
        resumed.seek(5);
        for (int b = 5; b < 12; b++) {                          // through epochs 1, 2 and 3
            dense.next(x, y);
            resumed.next(xr, yr);
            assertArrayEquals(x, xr, "batch " + b);
            assertArrayEquals(y, yr, "labels of batch " + b);
        }
    }

    @Test void theScheduleIsAFunctionOfTheGlobalStep() {
        Schedule s = Schedule.warmup(30);
        assertEquals(1e-2 * (K + 1) / 30, s.rate(1e-2, K), 1e-15, "step K+1 runs at the rate of global step K+1");
        Schedule step = Schedule.step(10, 0.5);
        assertEquals(0.25e-2, step.rate(1e-2, 25), 1e-15);
    }

    @Test void anEpochOfTheFiftyFiveThousandSplitAtBatchSixtyIs916Batches() {
        assertEquals(916, BatchLoader.batchesPerEpoch(55_000, 60, true));
        assertEquals(917, BatchLoader.batchesPerEpoch(55_000, 60, false));
    }

    @Test void aStartOutsideTheRunIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Trainer.train(model(), cfg(), TrainerTest.data(), null, T + 1));
        assertThrows(IllegalArgumentException.class, () -> Trainer.train(model(), cfg(), TrainerTest.data(), null, -1));
        TrainResult atEnd = Trainer.train(model(), cfg(), TrainerTest.data(), null, T);
        assertEquals(List.of(T), atEnd.evals().stream().map(EvalPoint::iteration).toList(), "nothing to train: one evaluation at T");
        assertEquals(T, atEnd.earlyStopIteration());
    }

    @Test void dropoutMasksDependOnTheStepNotOnHowTheRunGotThere() {
        Dropout a = new Dropout("d", 0.5f, 3), b = new Dropout("d", 0.5f, 3);
        lottery.engine.Tensor x = lottery.engine.Tensor.of(filled(64), 4, 16);
        float[] third = null;
        try (var g = lottery.engine.NoGrad.enter()) {
            for (int t = 0; t < 3; t++) third = a.forward(x).data().clone();
            b.seek(2);
            assertArrayEquals(third, b.forward(x).data(), "step 2 after a seek equals step 2 after two steps");
            b.seek(0);
            assertFalse(Arrays.equals(third, b.forward(x).data()), "step 0 draws another mask");
        }
    }

    private static float[] filled(int n) {
        float[] v = new float[n];
        Arrays.fill(v, 1f);
        return v;
    }
}
