package lottery.pruning;

import lottery.nn.Module;
import lottery.nn.Parameter;
import lottery.nn.data.Datasets;
import lottery.nn.models.Models;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PresetsTest {
    /** Fraction of the prunable weights left after the preset's levels, counted as the layerwise strategy prunes. */
    static double remainingAfterLevels(ExperimentConfig c) {
        Module m = Models.create(c.model(), Datasets.sampleShape(c.dataset()), 10, 0, c.modelOptions());
        List<Masks.Layer> layers = new ArrayList<>();
        for (Parameter p : m.parameters())
            if (p.prunable())
                layers.add(new Masks.Layer(p.name(), p.shape(), lottery.kernels.BitMask.ones(p.shape()[0], p.size() / p.shape()[0])));
        Masks masks = new Masks(layers);
        long total = masks.weightsRemaining();
        long[] left = new long[layers.size()];
        for (int i = 0; i < left.length; i++) left[i] = layers.get(i).remaining();
        for (int level = 0; level < c.levels(); level++)
            for (int i = 0; i < left.length; i++)
                left[i] -= PruningRates.countToPrune(c.rates().rateFor(layers.get(i), i, left.length), left[i]);
        long sum = 0;
        for (long v : left) sum += v;
        return (double) sum / total;
    }

    static void assertPaper(ExperimentConfig c, double conv, double lr, int iterations) {
        assertEquals("cifar10", c.dataset());
        assertEquals("layerwise", c.strategy());
        assertEquals(conv, c.convRate());
        assertEquals(0.2, c.rate());
        assertEquals(0.1, c.outputRate());
        assertEquals("adam", c.optimizer());
        assertEquals(lr, c.lr());
        assertEquals(iterations, c.iterations());
        assertEquals(60, c.batch());
        assertEquals(100, c.evalEvery());
        assertEquals("init", c.rewind());
        assertEquals(5, c.replicates());
        assertEquals(List.of(Arm.values()), c.arms());
        double left = remainingAfterLevels(c);
        assertTrue(left > 0.018 && left < 0.022, c.model() + " ends at " + left);
    }

    @Test void conv2() { assertPaper(Presets.paper("conv2", 0), 0.10, 2e-4, 20_000); }

    @Test void conv4() { assertPaper(Presets.paper("conv4", 0), 0.10, 3e-4, 25_000); }

    @Test void conv6() { assertPaper(Presets.paper("conv6", 0), 0.15, 3e-4, 30_000); }

    @Test void theDropoutVariantsAreTheirBaseWithDropoutHalf() {
        for (String base : List.of("conv2", "conv4", "conv6")) {
            ExperimentConfig d = Presets.paper(base + "-dropout", 0), b = Presets.paper(base, 0);
            assertEquals(0.5, d.dropout());
            assertEquals(0.0, b.dropout());
            assertEquals(b.lr(), d.lr());
            assertEquals(b.iterations(), d.iterations());
            assertEquals(b.convRate(), d.convRate());
            assertNotEquals(b.hash(), d.hash());
        }
    }

    @Test void lenetGoesDownToThePapersSparsestPoint() {
        ExperimentConfig c = Presets.paper("lenet300", 0);
        assertEquals("mnist", c.dataset());
        assertEquals(1.2e-3, c.lr());
        assertEquals(50_000, c.iterations());
        assertEquals(20, c.levels());
        assertEquals(0.0119, remainingAfterLevels(c), 0.0001, "about 1.2% of the weights remaining");
        // the paper preset's store keeps the name it had when it stopped at 18 levels
        assertEquals(c.hash(), c.withExtent(18, 5, List.of(Arm.values())).hash());
    }

    @Test void otherModelsHaveNoPaperPreset() {
        assertThrows(IllegalArgumentException.class, () -> Presets.paper("lenet5", 0));
        assertThrows(IllegalArgumentException.class, () -> Presets.paper("resnet", 0));
        assertEquals(0.10, Presets.convRate("conv4-dropout"));
        assertEquals(0.15, Presets.convRate("lenet5"));
    }

    @Test void theImpCommandOfAPresetNamesEverySettingOfItsIdentity() {
        ExperimentConfig c = Presets.paper("conv4-dropout", 3);
        String cmd = Presets.impCommand(c);
        for (String s : List.of("--model conv4-dropout", "--dataset cifar10", "--conv-rate 0.1", "--lr 3.0E-4", "--iterations 25000",
                "--batch 60", "--eval-every 100", "--dropout 0.5", "--seed 3", "--arms ticket,reinit,random,finetune"))
            assertTrue(cmd.contains(s), s + " missing from " + cmd);
    }
}
