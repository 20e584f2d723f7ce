package lottery.nn.train;

import lottery.nn.Module;
import lottery.nn.Parameter;
import lottery.nn.models.Models;
import lottery.nn.optim.Schedule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DivergenceTest {
    /** Adam keeps the loss finite under lr 1e6; the run must still stop, early, naming the iteration. */
    @Test void adamWithAHugeLearningRateStopsEarlyAndSaysWhere() {
        Module m = Models.create("lenet300", TrainerTest.SHAPE, 3, 7);
        TrainConfig cfg = new TrainConfig(200, 20, "adam", 1e6, 0, false, 0, Schedule.constant(), 50, 5);
        DivergedException e = assertThrows(DivergedException.class, () -> Trainer.train(m, cfg, TrainerTest.data(), null));
        assertTrue(e.iteration() < 50, "stopped at " + e.iteration() + ", before the first evaluation");
        assertTrue(e.getMessage().startsWith("training diverged at iteration " + e.iteration() + ": "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test void sgdThatBlowsUpIsCaughtToo() {
        Module m = Models.create("lenet300", TrainerTest.SHAPE, 3, 7);
        TrainConfig cfg = new TrainConfig(200, 20, "sgd", 50, 0.9, false, 0, Schedule.constant(), 50, 5);
        assertThrows(DivergedException.class, () -> Trainer.train(m, cfg, TrainerTest.data(), null));
    }

    @Test void ordinaryTrainingNeverTrips() {
        Module m = Models.create("lenet300", TrainerTest.SHAPE, 3, 7);
        TrainResult first = assertDoesNotThrow(() -> Trainer.train(m, TrainerTest.cfg(60), TrainerTest.data(), null));
        // fine-tuning from trained weights: the first loss is tiny, later batches are not held to 10x it
        TrainResult again = assertDoesNotThrow(() -> Trainer.train(m, TrainerTest.cfg(60).withSeed(9), TrainerTest.data(), null));
        assertTrue(first.finalTestAccuracy() > 0.9 && again.finalTestAccuracy() > 0.9);
    }

    @Test void aNonFiniteLossStopsAtOnce() {
        Divergence d = new Divergence(10);
        d.checkLoss(1, 2.3f);
        DivergedException e = assertThrows(DivergedException.class, () -> d.checkLoss(2, Float.POSITIVE_INFINITY));
        assertEquals(2, e.iteration());
        assertTrue(e.getMessage().contains("loss Infinity"), e.getMessage());
        assertThrows(DivergedException.class, () -> new Divergence(10).checkLoss(1, Float.NaN));
    }

    @Test void aLossAboveTheBoundStopsAfterPatienceStepsInARow() {
        Divergence d = new Divergence(10);
        d.checkLoss(1, 2.5f);
        assertEquals(25, d.lossBound(), 1e-6);
        for (int it = 2; it < 20; it += 2) {                // isolated spikes are bad batches, not divergence
            d.checkLoss(it, 1000f);
            d.checkLoss(it, 1e6f);
            d.checkLoss(it + 1, 1f);
        }
        for (int k = 1; k < Divergence.PATIENCE; k++) d.checkLoss(100 + k, 26f);
        DivergedException e = assertThrows(DivergedException.class, () -> d.checkLoss(100 + Divergence.PATIENCE, 26f));
        assertEquals(100 + Divergence.PATIENCE, e.iteration());
        assertTrue(e.getMessage().contains("above 25"), e.getMessage());
    }

    @Test void theBoundHasAFloorAtTenTimesChanceAndACeiling() {
        Divergence small = new Divergence(10);
        small.checkLoss(1, 0.01f);                          // a run that starts from trained weights
        assertEquals(10 * Math.log(10), small.lossBound(), 1e-9);
        for (int it = 2; it < 100; it++) small.checkLoss(it, 3f);
        Divergence huge = new Divergence(10);
        huge.checkLoss(1, 5e5f);
        assertEquals(Divergence.CEILING, huge.lossBound());
        DivergedException e = assertThrows(DivergedException.class, () -> huge.checkLoss(2, 1.5e6f));
        assertTrue(e.getMessage().contains("loss 1.500e+06 above 1e+06"), e.getMessage());
    }

    @Test void validationLossIsHeldToItsFirstValue() {
        Divergence d = new Divergence(3);
        d.checkValidation(100, 0.05, 60);
        d.checkValidation(200, 0.5, 60);                     // over-fitting: up, but within 10x chance
        DivergedException e = assertThrows(DivergedException.class, () -> d.checkValidation(300, 2.5e18, 60));
        assertEquals(300, e.iteration());
        assertThrows(DivergedException.class, () -> new Divergence(3).checkValidation(100, Double.NaN, 60));
        assertDoesNotThrow(() -> new Divergence(3).checkValidation(100, Double.NaN, 0), "no validation set: nothing to check");
    }

    @Test void nonFiniteWeightsAndGradientsAreFound() {
        Module m = Models.create("lenet300", TrainerTest.SHAPE, 3, 7);
        List<Parameter> ps = m.parameters();
        Divergence d = new Divergence(3);
        d.checkWeights(5, ps);
        d.checkGradients(5, ps);
        m.parameter("fc2.bias").grad()[7] = Float.NEGATIVE_INFINITY;
        DivergedException g = assertThrows(DivergedException.class, () -> d.checkGradients(5, ps));
        assertTrue(g.getMessage().contains("gradient of fc2.bias"), g.getMessage());
        m.parameter("fc3.weight").data()[299] = Float.NaN;
        DivergedException w = assertThrows(DivergedException.class, () -> d.checkWeights(6, ps));
        assertTrue(w.getMessage().contains("weight in fc3.weight"), w.getMessage());
    }

    @Test void allFiniteSeesEveryNonFiniteBitPattern() {
        float[] ok = {0f, -0f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, Float.MIN_NORMAL, 1e-40f, 3.5f};
        assertTrue(Divergence.allFinite(ok));
        assertTrue(Divergence.allFinite(new float[0]));
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0xffc0_0001)})
            for (int at = 0; at < 33; at++) {
                float[] a = new float[33];
                a[at] = bad;
                assertFalse(Divergence.allFinite(a), bad + " at " + at);
            }
    }
}
