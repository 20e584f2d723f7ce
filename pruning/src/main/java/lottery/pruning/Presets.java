package lottery.pruning;

import lottery.nn.models.Models;

import java.util.List;
import java.util.Map;

/**
 * Named experiment settings. {@code paper}: the settings of Frankle &amp; Carbin (2019) per model,
 * batch 60, evaluation every 100 iterations, the 5K validation split, 5 replicates, every arm:
 * <pre>
 * model      dataset  conv  FC    output  optimizer   iterations  levels (weights remaining)
 * lenet300   mnist    -     20%   10%     Adam 1.2e-3  50K        20 (1.2%)
 * conv2      cifar10  10%   20%   10%     Adam 2e-4    20K        18 (1.9%)
 * conv4      cifar10  10%   20%   10%     Adam 3e-4    25K        21 (2.0%)
 * conv6      cifar10  15%   20%   10%     Adam 3e-4    30K        21 (2.1%)
 * </pre>
 * The {@code -dropout} variants train their base network with dropout 0.5 on the hidden FC layers
 * and otherwise the same settings. The number of levels only says how far to prune (it is not part
 * of a store's identity), so a longer run later extends the same store. {@code demo}: LeNet-300-100
 * on MNIST, 6,000 iterations per level, evaluation every 200, 12 levels (7%), ticket and reinit.
 */
public final class Presets {
    /** The paper's per-model settings: dataset, conv rate, learning rate, iterations, levels. */
    public record Paper(String dataset, double convRate, double lr, int iterations, int levels) {}

    private static final Map<String, Paper> PAPER = Map.of(
            "lenet300", new Paper("mnist", 0.15, 1.2e-3, 50_000, 20),
            "conv2", new Paper("cifar10", 0.10, 2e-4, 20_000, 18),
            "conv4", new Paper("cifar10", 0.10, 3e-4, 25_000, 21),
            "conv6", new Paper("cifar10", 0.15, 3e-4, 30_000, 21));

    public static final List<String> PAPER_MODELS =
            List.of("lenet300", "conv2", "conv4", "conv6", "conv2-dropout", "conv4-dropout", "conv6-dropout");

    /** The demo's shortened schedule: iterations per level, evaluation interval and levels, calibrated on two cores. */
    public static final int DEMO_ITERATIONS = 6000, DEMO_EVAL_EVERY = 200, DEMO_LEVELS = 12;

    private Presets() {}

    /** The paper's settings for {@code model} (see the class comment). */
    public static ExperimentConfig paper(String model, long seed) {
        Paper p = paperSettings(model);
        return new ExperimentConfig(model, p.dataset(), "layerwise", 0.2, 0.1, p.convRate(), "init", p.iterations(), 60, "adam",
                p.lr(), 0.9, 0, 100, seed, p.levels(), 5, List.of(Arm.values()), Models.defaultDropout(model),
                ExperimentConfig.DEFAULT_NORMALIZE, ExperimentConfig.DEFAULT_INIT);
    }

    public static Paper paperSettings(String model) {
        Paper p = PAPER.get(model.replace("-dropout", ""));
        if (p == null || !PAPER_MODELS.contains(model))
            throw new IllegalArgumentException("the paper preset covers " + String.join(", ", PAPER_MODELS) + "; got '" + model + "'");
        return p;
    }

    /** The demo: LeNet-300-100 on MNIST, ticket vs random re-initialisation on a shortened schedule. */
    public static ExperimentConfig demo(long seed) {
        return new ExperimentConfig("lenet300", "mnist", "layerwise", 0.2, 0.1, 0.15, "init", DEMO_ITERATIONS, 60, "adam",
                1.2e-3, 0.9, 0, DEMO_EVAL_EVERY, seed, DEMO_LEVELS, 1, List.of(Arm.TICKET, Arm.REINIT));
    }

    /** The paper's conv pruning rate for {@code model}: 10% for Conv-2 and Conv-4, else 15%. */
    public static double convRate(String model) {
        Paper p = PAPER.get(model.replace("-dropout", ""));
        return p == null ? 0.15 : p.convRate();
    }

    /**
     * The {@code lottery imp} command line that runs {@code c} (every setting spelled out), for
     * printing next to a preset so it can be reproduced or varied.
     */
    public static String impCommand(ExperimentConfig c) {
        StringBuilder s = new StringBuilder("lottery imp --model ").append(c.model()).append(" --dataset ").append(c.dataset())
                .append(" --strategy ").append(c.strategy()).append(" --rate ").append(c.rate())
                .append(" --output-rate ").append(c.outputRate()).append(" --conv-rate ").append(c.convRate())
                .append(" --rewind ").append(c.rewind()).append(" --iterations ").append(c.iterations())
                .append(" --batch ").append(c.batch()).append(" --optimizer ").append(c.optimizer()).append(" --lr ").append(c.lr())
                .append(" --momentum ").append(c.momentum())
                .append(" --eval-every ").append(c.evalEvery()).append(" --levels ").append(c.levels())
                .append(" --replicates ").append(c.replicates()).append(" --arms ")
                .append(String.join(",", c.arms().stream().map(Arm::id).toList())).append(" --seed ").append(c.seed());
        if (c.weightDecay() != 0) s.append(" --weight-decay ").append(c.weightDecay());
        s.append(" --dropout ").append(c.dropout()).append(" --normalize ").append(c.normalize()).append(" --init ").append(c.init());
        return s.toString();
    }
}
