package lottery.bench;

import lottery.engine.LinearPath;
import lottery.engine.LinearPolicy;
import lottery.engine.Tensor;
import lottery.kernels.BitMask;
import lottery.kernels.Threads;
import lottery.nn.CrossEntropyLoss;
import lottery.nn.Module;
import lottery.nn.Parameter;
import lottery.nn.data.Dataset;
import lottery.nn.train.Evaluator;
import lottery.nn.models.Models;
import lottery.nn.optim.Adam;
import lottery.nn.optim.Optimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Times one training step of a model (zero grad, forward, cross-entropy, backward, Adam; batch 60) at given
 * weights remaining, side by side with its OpenBLAS GEMM floor (the step's lowered products, {@link StepProducts}).
 * LeNet-300-100 and LeNet-5 see MNIST-shaped inputs (1×28×28), Conv-2/4/6 CIFAR-shaped ones (3×32×32). A masked
 * density is timed as "auto" (the engine's default linear policy), "sparse" (policy forced: every layer, convolutions
 * included, on the CSR kernels) and, for models without convolutions, "masked" (forced). 1.0 is the dense step (no masks). A {@link Plan} gives each layer's
 * density: uniform, or (LeNet-300-100) IMP's layerwise rates.
 */
public final class TrainStepBench {
    private TrainStepBench() {}

    public static final int BATCH = 60;
    /** The models this benchmark knows. */
    public static final List<String> MODELS = List.of("lenet300", "lenet5", "conv2", "conv4", "conv6");

    /** Per-layer densities of the prunable weights in order (one value: every layer). */
    public record Plan(double[] layerDensity) {
        public static Plan uniform(double d) { return new Plan(new double[]{d}); }

        double density(int layer) { return layerDensity.length == 1 ? layerDensity[0] : layerDensity[layer]; }

        /** After {@code rounds} IMP rounds of the paper's rates: 20% of each hidden layer, 10% of the output layer. */
        public static Plan imp(int rounds) {
            double hidden = Math.pow(0.8, rounds), output = Math.pow(0.9, rounds);
            return new Plan(new double[]{hidden, hidden, output});
        }

        public boolean dense() { for (double d : layerDensity) if (d < 1) return false; return true; }
    }

    /** Input shape [C, H, W]: MNIST-shaped for the LeNets, CIFAR-shaped for Conv-2/4/6. */
    public static int[] inputShape(String model) {
        if (!MODELS.contains(model)) throw new IllegalArgumentException("unknown model '" + model + "' for bench train (choose one of "
                + String.join(", ", MODELS) + ")");
        return model.startsWith("lenet") ? new int[]{1, 28, 28} : new int[]{3, 32, 32};
    }

    static boolean hasConv(String model) { return !model.equals("lenet300"); }

    public static boolean available() { return true; }

    public static String unavailableReason() { return ""; }

    /** Tasks per thread count: dense + 3 per masked plan (2 for models with convolutions) + the floor. */
    static int tasks(String model, List<Plan> plans) {
        int n = 1;
        for (Plan p : plans) n += p.dense() ? 1 : hasConv(model) ? 2 : 3;
        return n;
    }

    public static long estimate(List<Plan> plans, int[] threads, TimingPlan plan) { return estimate("lenet300", plans, threads, plan); }

    public static long estimate(String model, List<Plan> plans, int[] threads, TimingPlan plan) {
        double stepMs = hasConv(model) ? 300 : 5;
        return Math.round(threads.length * tasks(model, plans) * (Math.max(plan.rounds() * Math.max(plan.batchMs(), stepMs), plan.minRounds() * stepMs)
                + plan.warmupMaxMs() / 4));
    }

    /** LeNet-300-100. */
    public static List<TrainStepRecord> run(List<Plan> plans, int[] threads, TimingPlan timing, long seed, Progress progress) {
        return run("lenet300", plans, threads, timing, seed, progress);
    }

    public static List<TrainStepRecord> run(String model, List<Plan> plans, int[] threads, TimingPlan timing, long seed, Progress progress) {
        return run(model, plans, threads, timing, 0, seed, progress);
    }

    /**
     * As above; with {@code evalImages > 0} also times, per thread count, one {@link Evaluator} pass of the dense model
     * over that many images (after one warm-up pass), recorded with mode "eval" and {@code batch} = the image count;
     * its floor is the forward products of a batch-60 step done by OpenBLAS (timed with the rest), times images / 60.
     */
    public static List<TrainStepRecord> run(String model, List<Plan> plans, int[] threads, TimingPlan timing, int evalImages, long seed,
                                            Progress progress) {
        OpenBlas.require();
        int[] in = inputShape(model);
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = Operands.random(BATCH * in[0] * in[1] * in[2], rnd);      // x: [batch, C·H·W]
        int[] labels = new int[BATCH];
        for (int i = 0; i < BATCH; i++) labels[i] = rnd.nextInt(10);
        List<Step> steps = new ArrayList<>();
        boolean denseListed = false;
        for (Plan p : plans) {
            if (p.dense()) {
                if (!denseListed) steps.add(new Step(model, "dense", p, null, x, labels, seed));
                denseListed = true;
                continue;
            }
            steps.add(new Step(model, "auto", p, LinearPolicy.current(), x, labels, seed));
            if (!hasConv(model)) steps.add(new Step(model, "masked", p, LinearPolicy.forced(LinearPath.MASKED), x, labels, seed));
            steps.add(new Step(model, "sparse", p, LinearPolicy.forced(LinearPath.SPARSE), x, labels, seed));
        }
        if (!denseListed) steps.add(0, new Step(model, "dense", Plan.uniform(1.0), null, x, labels, seed));
        List<GemmShape> products = StepProducts.products(StepProducts.layers(steps.get(0).model, in, BATCH), BATCH);
        List<TrainStepRecord> out = new ArrayList<>();
        LinearPolicy before = LinearPolicy.current();
        int threadsBefore = Threads.count();
        List<GemmShape> forward = products.stream().filter(g -> g.op() == Op.FORWARD).toList();
        Dataset evalSet = evalImages > 0 ? randomImages(evalImages, in, rnd) : null;
        try (GemmFloor floor = new GemmFloor(products, seed); GemmFloor forwardFloor = new GemmFloor(forward, seed + 1)) {
            List<Task> tasks = new ArrayList<>(steps);
            if (evalSet != null) tasks.add(forwardFloor.task());
            tasks.add(floor.task());
            for (int t : threads) {
                Threads.set(t);
                OpenBlas.setThreads(t);
                long units = Math.round(tasks.size() * (timing.rounds() * Math.max(timing.batchMs(), 5) + timing.warmupMaxMs() / 4));
                Stats[] st = Timer.time(tasks, timing, null);
                progress.advance(units, model + " train step t" + t);
                double floorMs = st[st.length - 1].medianMs();
                for (int i = 0; i < steps.size(); i++) {
                    Step s = steps.get(i);
                    Stats si = st[i];
                    out.add(new TrainStepRecord(model, s.mode, s.weightsRemaining, BATCH, t, si.medianMs(), si.minMs(),
                            Double.isNaN(si.ci95Ms()) ? 0 : si.ci95Ms(), floorMs, s.maskBitBytes, s.maskFloatBytes));
                }
                if (evalSet != null) {
                    Evaluator evaluator = new Evaluator();
                    Module dense = steps.get(0).model;
                    evaluator.evaluate(dense, evalSet);                                       // warm-up: buffers of the eval chunk
                    long t0 = System.nanoTime();
                    Evaluator.Score score = evaluator.evaluate(dense, evalSet);
                    double ms = (System.nanoTime() - t0) / 1e6;
                    Timer.sink += (float) score.loss();
                    double evalFloor = st[st.length - 2].medianMs() * evalImages / BATCH;
                    out.add(new TrainStepRecord(model, "eval", 1.0, evalImages, t, ms, ms, 0, evalFloor, 0, 0));
                    dense.train();
                }
            }
        } finally {
            LinearPolicy.set(before);
            Threads.set(threadsBefore);
        }
        return out;
    }

    /** {@code n} random images of shape {@code in} with random labels of 10 classes. */
    static Dataset randomImages(int n, int[] in, SplittableRandom rnd) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = rnd.nextInt(10);
        return new Dataset("random", Operands.random(n * in[0] * in[1] * in[2], rnd), y, in, 10);
    }

    /** One model + optimizer, stepping on a fixed batch; sets its linear policy before each step. */
    static final class Step implements Task {
        final String mode;
        final double weightsRemaining;
        final long maskBitBytes, maskFloatBytes;
        private final LinearPolicy policy;
        final Module model;
        private final Optimizer opt;
        private final CrossEntropyLoss loss = new CrossEntropyLoss();
        private final Tensor input;
        private final int[] labels;
        private final Parameter first;
        private float last;

        Step(String model, String mode, Plan plan, LinearPolicy policy, float[] x, int[] labels, long seed) {
            this.mode = mode;
            this.policy = policy;
            int[] in = inputShape(model);
            this.model = Models.create(model, in, 10, seed);
            this.labels = labels;
            this.input = Tensor.of(x, BATCH, in[0] * in[1] * in[2]);
            long kept = 0, total = 0, bits = 0, floats = 0;
            List<Parameter> prunable = this.model.parameters().stream().filter(Parameter::prunable).toList();
            if (!plan.dense() && plan.layerDensity().length != 1 && plan.layerDensity().length != prunable.size())
                throw new IllegalArgumentException(model + " has " + prunable.size() + " prunable layers, the plan gives " + plan.layerDensity().length);
            for (int l = 0; l < prunable.size(); l++) {
                Parameter p = prunable.get(l);
                int rows = p.maskShape()[0], cols = p.maskShape()[1];
                total += (long) rows * cols;
                if (plan.dense()) { kept += (long) rows * cols; continue; }
                BitMask m = MaskPattern.RANDOM.make(rows, cols, plan.density(l), seed + 17 * l);
                p.setMask(m);
                kept += m.count();
                bits += m.bytes();
                floats += 4L * rows * cols;
            }
            this.weightsRemaining = (double) kept / total;
            this.maskBitBytes = bits;
            this.maskFloatBytes = floats;
            this.opt = new Adam(this.model.parameters(), 1.2e-3);
            this.model.train();
            this.first = prunable.get(0);
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

        @Override public float[] result() { return first.data().clone(); }
    }
}
