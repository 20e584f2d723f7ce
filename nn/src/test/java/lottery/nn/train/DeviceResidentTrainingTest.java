package lottery.nn.train;

import lottery.engine.ComputeDevice;
import lottery.engine.Device;
import lottery.engine.cuda.CudaBackend;
import lottery.kernels.BitMask;
import lottery.kernels.cuda.CudaContext;
import lottery.kernels.cuda.HostDriver;
import lottery.nn.Module;
import lottery.nn.Parameter;
import lottery.nn.ReLU;
import lottery.nn.Sequential;
import lottery.nn.cuda.DeviceTrainer;
import lottery.nn.models.Models;
import lottery.nn.optim.Schedule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Device-resident training of the MLP family ({@code --device cuda}) on a host-memory CUDA context:
 * the kernels' Java twins compute what the CPU trainer computes, and the bookkeeping is what the
 * design promises: one upload per step, downloads only at evaluations, at weight snapshots and at
 * the end, no explicit synchronisation, every device buffer released.
 */
class DeviceResidentTrainingTest {
    private CudaContext ctx;

    @AfterEach void backToCpu() { ComputeDevice.select(Device.CPU); }

    private void selectHostGpu() {
        ctx = HostDriver.context(256L << 20);
        ComputeDevice.select(CudaBackend.on(ctx));
    }

    private static TrainConfig cfg(String optimizer, int iterations, int evalEvery) {
        return new TrainConfig(iterations, 20, optimizer, optimizer.equals("sgd") ? 0.05 : 1e-3, 0.9, false, 1e-4,
                Schedule.parse("step:7:0.5"), evalEvery, 5);
    }

    private record Run(List<Float> losses, Module model, TrainResult result) {}

    private Run train(boolean onDevice, TrainConfig cfg, boolean masked, TrainListener extra) {
        if (onDevice) selectHostGpu(); else ComputeDevice.select(Device.CPU);
        Module m = Models.create("lenet300", TrainerTest.SHAPE, 3, 7);
        if (masked) {
            SplittableRandom r = new SplittableRandom(11);
            for (Parameter p : m.parameters())
                if (p.prunable()) {
                    BitMask mask = new BitMask(p.maskShape()[0], p.maskShape()[1]);
                    for (int i = 0; i < mask.rows; i++) for (int j = 0; j < mask.cols; j++) mask.set(i, j, r.nextDouble() < 0.4);
                    p.setMask(mask);
                }
        }
        List<Float> losses = new ArrayList<>();
        TrainResult result = Trainer.train(m, cfg, TrainerTest.data(), new TrainListener() {
            @Override public void onStep(int it, float loss) {
                assertEquals(losses.size() + 1, it, "steps reported in order");
                losses.add(loss);
                if (extra != null) extra.onStep(it, loss);
            }
            @Override public void onIteration(int it, Module model) { if (extra != null) extra.onIteration(it, model); }
            @Override public boolean readsWeights(int it) { return extra != null && extra.readsWeights(it); }
        });
        return new Run(losses, m, result);
    }

    @Test void followsTheCpuTrainerWithAndWithoutMasks() {
        for (String optimizer : new String[] {"adam", "sgd"}) {
                boolean masked = optimizer.equals("adam");
                TrainConfig cfg = cfg(optimizer, 20, 10);
                Run cpu = train(false, cfg, masked, null), gpu = train(true, cfg, masked, null);
                String what = optimizer + (masked ? " masked" : " dense");
                assertEquals(cpu.losses().size(), gpu.losses().size(), what);
                for (int i = 0; i < cpu.losses().size(); i++)
                    assertEquals(cpu.losses().get(i), gpu.losses().get(i), 1e-4 * Math.max(1, Math.abs(cpu.losses().get(i))), what
                            + " loss at step " + (i + 1));
                for (Parameter p : cpu.model().parameters()) {
                    float[] a = p.data(), b = gpu.model().parameter(p.name()).data();
                    for (int k = 0; k < a.length; k++) {
                        assertEquals(a[k], b[k], 1e-4, what + " " + p.name() + "[" + k + "]");
                        if (p.mask() != null && !p.mask().get(k)) assertEquals(0f, b[k], what + ": a pruned weight stays exactly 0");
                    }
                }
                for (int e = 0; e < cpu.result().evals().size(); e++) {
                    EvalPoint c = cpu.result().evals().get(e), g = gpu.result().evals().get(e);
                    assertEquals(c.iteration(), g.iteration());
                    assertEquals(c.valLoss(), g.valLoss(), 1e-4, what + " validation loss");
                    assertEquals(c.testAccuracy(), g.testAccuracy(), 1.0 / 90 + 1e-9, what + " test accuracy (at most one sample flips)");
                }
                assertEquals(cpu.result().earlyStopIteration(), gpu.result().earlyStopIteration(), what);
                assertEquals(0, ctx.allocator().bytesInUse(), what + ": every device buffer released");
            }
    }

    @Test void aStepUploadsOneBatchAndDownloadsNothing() {
        CudaContext.Snapshot ten = traffic(10), thirty = traffic(30);
        CudaContext.Snapshot twenty = thirty.minus(ten);
        assertEquals(20, twenty.uploads(), "20 more steps: 20 uploads (samples and labels in one copy)");
        assertEquals(20L * (20 * 16 + 20) * 4, twenty.uploadBytes(), "each [20, 16] batch plus its 20 labels");
        assertEquals(0, twenty.downloads(), "no download per step: the losses wait on the device for the evaluation");
        assertEquals(0, twenty.syncs(), "no explicit synchronisation");
        assertEquals(0, twenty.fills(), "no per-step zeroing: the gradient products overwrite");
        assertEquals(0, twenty.launches() % 20, "the same launches every step");
        // the run itself: parameters (W, b of 3 layers), nothing for the dense masks, 2 datasets (samples, labels)
        assertEquals(6 + 4 + 10, ten.uploads());
        // one evaluation at the end: the loss log, logits and losses of one chunk per set; then 6 parameters
        assertEquals(1 + 2 + 2 + 6, ten.downloads());
    }

    private CudaContext.Snapshot traffic(int iterations) {
        train(true, cfg("adam", iterations, 1000), false, null);
        return ctx.traffic().snapshot();
    }

    @Test void aListenerThatReadsWeightsGetsThemAtItsIterationOnly() {
        int at = 7;
        TrainConfig cfg = cfg("adam", 12, 100);
        Map<String, float[]>[] seen = new Map[2];
        for (int device = 0; device < 2; device++) {
            int d = device;
            train(device == 1, cfg, true, new TrainListener() {
                @Override public void onIteration(int it, Module m) { if (it == at) seen[d] = m.stateCopy(); }
                @Override public boolean readsWeights(int it) { return it == at; }
            });
        }
        assertNotNull(seen[1]);
        for (String name : seen[0].keySet()) {
            float[] a = seen[0].get(name), b = seen[1].get(name);
            for (int k = 0; k < a.length; k++) assertEquals(a[k], b[k], 1e-4, name + " after " + at + " steps");
        }
        // downloads: the loss log and 6 parameters at the snapshot, then log, 2 chunks × 2 and 6 parameters at the end
        assertEquals(1 + 6 + 1 + 4 + 6, ctx.traffic().downloads());
    }

    @Test void aDivergedRunNamesItsFirstNonFiniteStep() {
        selectHostGpu();
        Module m = Models.create("lenet300", TrainerTest.SHAPE, 3, 7);
        TrainConfig cfg = new TrainConfig(30, 20, "sgd", 1e9, 0, false, 0, Schedule.constant(), 30, 5);
        List<Integer> steps = new ArrayList<>();
        DivergedException e = assertThrows(DivergedException.class, () -> Trainer.train(m, cfg, TrainerTest.data(), new TrainListener() {
            @Override public void onStep(int it, float loss) { steps.add(it); }
        }));
        assertEquals(steps.size() + 1, e.iteration(), "the first non-finite step, right after the last reported one: " + steps);
        assertTrue(e.getMessage().contains("at iteration " + (steps.size() + 1) + ": loss "), e.getMessage());
        assertEquals(0, ctx.allocator().bytesInUse(), "buffers released on the way out");
    }

    @Test void onlyTheMlpFamilyWithoutNesterovTrainsResident() {
        selectHostGpu();
        Module lenet = Models.create("lenet300", TrainerTest.SHAPE, 3, 7);
        assertNotNull(DeviceTrainer.residentContext(lenet, cfg("adam", 1, 1)));
        TrainConfig nesterov = new TrainConfig(1, 20, "sgd", 0.1, 0.9, true, 0, Schedule.constant(), 1, 5);
        assertNull(DeviceTrainer.residentContext(lenet, nesterov), "Nesterov: no device kernel, per-call path");
        assertNull(DeviceTrainer.residentContext(Models.create("lenet5", new int[] {1, 16, 16}, 3, 7), cfg("adam", 1, 1)),
                "conv: per-call path");
        assertNull(DeviceTrainer.residentContext(new Sequential(new ReLU()), cfg("adam", 1, 1)));
        String before = System.setProperty(DeviceTrainer.RESIDENT_PROPERTY, "false");
        try {
            assertNull(DeviceTrainer.residentContext(lenet, cfg("adam", 1, 1)), "switched off");
        } finally {
            if (before == null) System.clearProperty(DeviceTrainer.RESIDENT_PROPERTY);
            else System.setProperty(DeviceTrainer.RESIDENT_PROPERTY, before);
        }
        ComputeDevice.select(Device.CPU);
        assertNull(DeviceTrainer.residentContext(lenet, cfg("adam", 1, 1)), "CPU selected");
    }
}
