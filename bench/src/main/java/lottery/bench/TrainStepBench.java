package lottery.bench;

import lottery.engine.LinearPath;
import lottery.engine.LinearPolicy;
import lottery.engine.Tensor;
import lottery.kernels.BitMask;
import lottery.kernels.Threads;
import lottery.nn.CrossEntropyLoss;
import lottery.nn.Module;
import lottery.nn.Parameter;
import lottery.nn.models.Models;
import lottery.nn.optim.Adam;
import lottery.nn.optim.Optimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Times one LeNet-300-100 training step (zero grad, forward, cross-entropy, backward, Adam; batch 60) at given
 * weights remaining, side by side with its OpenBLAS GEMM floor. Every masked density is timed three ways:
 * "auto" (the engine's default linear policy), "masked" and "sparse" (policy forced); 1.0 is the dense step
 * (no masks). A {@link Plan} gives each layer's density: uniform, or IMP's layerwise rates.
 */
public final class TrainStepBench {
    private TrainStepBench() {}

    public static final int BATCH = 60;
    static final int[][] LAYERS = {{300, 784}, {100, 300}, {10, 100}};
    static final String[] NAMES = {"fc1.weight", "fc2.weight", "fc3.weight"};

    /** Per-layer densities for fc1, fc2, fc3. */
    public record Plan(double[] layerDensity) {
        public static Plan uniform(double d) { return new Plan(new double[]{d, d, d}); }

        /** After {@code rounds} IMP rounds of the paper's rates: 20% of each hidden layer, 10% of the output layer. */
        public static Plan imp(int rounds) {
            double hidden = Math.pow(0.8, rounds), output = Math.pow(0.9, rounds);
            return new Plan(new double[]{hidden, hidden, output});
        }

        public boolean dense() { for (double d : layerDensity) if (d < 1) return false; return true; }
    }

    public static boolean available() { return true; }

    public static String unavailableReason() { return ""; }

    /** Tasks per thread count: dense + 3 per masked plan + the floor. */
    static int tasks(List<Plan> plans) {
        int n = 1;
        for (Plan p : plans) n += p.dense() ? 1 : 3;
        return n;
    }

    public static long estimate(List<Plan> plans, int[] threads, TimingPlan plan) {
        return Math.round(threads.length * tasks(plans) * (plan.rounds() * Math.max(plan.batchMs(), 5) + plan.warmupMaxMs() / 4));
    }

    public static List<TrainStepRecord> run(List<Plan> plans, int[] threads, TimingPlan timing, long seed, Progress progress) {
        OpenBlas.require();
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = Operands.random(BATCH * 784, rnd);                  // x: [batch, 1·28·28]
        int[] labels = new int[BATCH];
        for (int i = 0; i < BATCH; i++) labels[i] = rnd.nextInt(10);
        List<Step> steps = new ArrayList<>();
        boolean denseListed = false;
        for (Plan p : plans) {
            if (p.dense()) {
                if (!denseListed) steps.add(new Step("dense", p, null, x, labels, seed));
                denseListed = true;
                continue;
            }
            steps.add(new Step("auto", p, LinearPolicy.current(), x, labels, seed));
            steps.add(new Step("masked", p, LinearPolicy.forced(LinearPath.MASKED), x, labels, seed));
            steps.add(new Step("sparse", p, LinearPolicy.forced(LinearPath.SPARSE), x, labels, seed));
        }
        if (!denseListed) steps.add(0, new Step("dense", Plan.uniform(1.0), null, x, labels, seed));
        List<TrainStepRecord> out = new ArrayList<>();
        LinearPolicy before = LinearPolicy.current();
        int threadsBefore = Threads.count();
        try (GemmFloor floor = new GemmFloor(LAYERS, BATCH, seed)) {
            List<Task> tasks = new ArrayList<>(steps);
            tasks.add(floor.task());
            for (int t : threads) {
                Threads.set(t);
                OpenBlas.setThreads(t);
                long units = Math.round(tasks.size() * (timing.rounds() * Math.max(timing.batchMs(), 5) + timing.warmupMaxMs() / 4));
                Stats[] st = Timer.time(tasks, timing, null);
                progress.advance(units, "lenet300 train step t" + t);
                double floorMs = st[st.length - 1].medianMs();
                for (int i = 0; i < steps.size(); i++) {
                    Step s = steps.get(i);
                    Stats si = st[i];
                    out.add(new TrainStepRecord("lenet300", s.mode, s.weightsRemaining, BATCH, t, si.medianMs(), si.minMs(),
                            Double.isNaN(si.ci95Ms()) ? 0 : si.ci95Ms(), floorMs, s.maskBitBytes, s.maskFloatBytes));
                }
            }
        } finally {
            LinearPolicy.set(before);
            Threads.set(threadsBefore);
        }
        return out;
    }

    /** One model + optimizer, stepping on a fixed batch; sets its linear policy before each step. */
    static final class Step implements Task {
        final String mode;
        final double weightsRemaining;
        final long maskBitBytes, maskFloatBytes;
        private final LinearPolicy policy;
        private final Module model;
        private final Optimizer opt;
        private final CrossEntropyLoss loss = new CrossEntropyLoss();
        private final Tensor input;
        private final int[] labels;
        private float last;

        Step(String mode, Plan plan, LinearPolicy policy, float[] x, int[] labels, long seed) {
            this.mode = mode;
            this.policy = policy;
            this.model = Models.create("lenet300", new int[]{1, 28, 28}, 10, seed);
            this.labels = labels;
            this.input = Tensor.of(x, BATCH, 784);
            long kept = 0, total = 0, bits = 0, floats = 0;
            for (int l = 0; l < LAYERS.length; l++) {
                Parameter p = model.parameter(NAMES[l]);
                int rows = LAYERS[l][0], cols = LAYERS[l][1];
                total += (long) rows * cols;
                if (plan.dense()) { kept += (long) rows * cols; continue; }
                BitMask m = MaskPattern.RANDOM.make(rows, cols, plan.layerDensity()[l], seed + 17 * l);
                p.setMask(m);
                kept += m.count();
                bits += m.bytes();
                floats += 4L * rows * cols;
            }
            this.weightsRemaining = (double) kept / total;
            this.maskBitBytes = bits;
            this.maskFloatBytes = floats;
            this.opt = new Adam(model.parameters(), 1.2e-3);
            model.train();
        }

        @Override public Impl impl() { return Impl.DENSE; }
        @Override public double density() { return weightsRemaining; }

        @Override public void run() {
            if (policy != null) LinearPolicy.set(policy);
            opt.zeroGrad();
            Tensor l = loss.apply(model.forward(input), labels);
            l.backward();
            opt.step();
            last = l.item();
        }

        @Override public float probe() { return last; }

        @Override public float[] result() { return model.parameter(NAMES[0]).data().clone(); }
    }
}
