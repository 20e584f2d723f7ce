package lottery.nn.optim;

import lottery.kernels.BitMask;
import lottery.nn.Parameter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class OptimizerTest {
    static Parameter param(long seed) {
        Parameter p = new Parameter("w", new int[]{4, 6}, true);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < p.size(); i++) p.data()[i] = (float) r.nextGaussian();
        return p;
    }

    static void randomGrad(Parameter p, SplittableRandom r) {
        for (int i = 0; i < p.size(); i++) p.grad()[i] = (float) r.nextGaussian();
        if (p.mask() != null) p.mask().applyTo(p.grad());
    }

    /** Trains, prunes mid-way (with live momentum / moments and weight decay), trains on: pruned stays exactly 0. */
    void prunedWeightsAndStateStayZero(Function<List<Parameter>, Optimizer> make) {
        Parameter p = param(1);
        Optimizer opt = make.apply(List.of(p));
        SplittableRandom r = new SplittableRandom(2);
        for (int t = 0; t < 5; t++) { randomGrad(p, r); opt.step(); }
        BitMask mask = BitMask.ones(4, 6);
        mask.set(1, 2, false);
        mask.set(3, 5, false);
        p.setMask(mask);
        for (int t = 0; t < 20; t++) {
            randomGrad(p, r);
            p.grad()[1 * 6 + 2] = 0f;
            opt.step();
            assertEquals(0f, p.data()[1 * 6 + 2]);
            assertEquals(0f, p.data()[3 * 6 + 5]);
        }
        assertNotEquals(0f, p.data()[0]);
        p.setMask(null);   // unpruning must not revive stale state: with zero gradient the weight stays 0
        java.util.Arrays.fill(p.grad(), 0f);
        if (opt instanceof Sgd) { opt.step(); assertEquals(0f, p.data()[1 * 6 + 2]); }
        if (opt instanceof Adam) { opt.step(); assertEquals(0f, p.data()[1 * 6 + 2]); }
    }

    @Test void sgdMomentumNesterovWeightDecayRespectMask() {
        prunedWeightsAndStateStayZero(ps -> new Sgd(ps, 0.1, 0.9, true, 1e-2));
        prunedWeightsAndStateStayZero(ps -> new Sgd(ps, 0.1, 0.9, false, 1e-2));
    }

    @Test void adamRespectsMask() {
        prunedWeightsAndStateStayZero(ps -> new Adam(ps, 1e-2, 0.9, 0.999, 1e-8, 1e-2));
    }

    @Test void adamFirstStepMovesEachWeightByLr() {
        Parameter p = param(3);
        float[] before = p.data().clone();
        for (int i = 0; i < p.size(); i++) p.grad()[i] = (i % 2 == 0 ? 1 : -1) * (0.5f + i);
        new Adam(List.of(p), 1e-3).step();
        for (int i = 0; i < p.size(); i++) assertEquals(-Math.signum(p.grad()[i]) * 1e-3, p.data()[i] - before[i], 1e-6);
    }

    @Test void sgdMatchesHandComputedMomentum() {
        Parameter p = new Parameter("w", new int[]{1}, false);
        p.data()[0] = 1f;
        Sgd opt = new Sgd(List.of(p), 0.1, 0.5, false, 0);
        p.grad()[0] = 2f;
        opt.step();                       // v = 2, w = 1 - 0.2
        assertEquals(0.8f, p.data()[0], 1e-6f);
        opt.step();                       // v = 0.5·2 + 2 = 3, w = 0.8 - 0.3
        assertEquals(0.5f, p.data()[0], 1e-6f);
    }

    @Test void schedules() {
        assertEquals(1.0, Schedule.constant().rate(1.0, 1000));
        assertEquals(0.25, Schedule.parse("step:10:0.5").rate(1.0, 25), 1e-12);
        assertEquals(0.5, Schedule.parse("warmup:4").rate(1.0, 1), 1e-12);
        assertEquals(1.0, Schedule.parse("warmup:4").rate(1.0, 7), 1e-12);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Schedule.parse("cosine"));
    }
}
