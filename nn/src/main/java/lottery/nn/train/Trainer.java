package lottery.nn.train;

import lottery.engine.LinearPath;
import lottery.engine.LinearPolicy;
import lottery.engine.Tensor;
import lottery.nn.CrossEntropyLoss;
import lottery.nn.Module;
import lottery.nn.Parameter;
import lottery.nn.data.BatchLoader;
import lottery.nn.cuda.DeviceTrainer;
import lottery.nn.data.SplitData;
import lottery.nn.optim.Adam;
import lottery.nn.optim.Optimizer;
import lottery.nn.optim.Sgd;

import java.util.ArrayList;
import java.util.List;

/**
 * Mini-batch training with a fresh optimizer per call, periodic evaluation and early-stop
 * bookkeeping. Deterministic: the same model seed, config and thread count give a bit-identical
 * loss curve (batches come from a loader seeded by {@code cfg.seed()}). A run that diverges
 * ({@link Divergence}) stops with a {@link DivergedException}.
 *
 * <p>Iterations are counted on a global clock 0..T ({@code cfg.iterations()}): a run may start at
 * step {@code startIteration} (late rewinding), and then the learning-rate schedule and the data order
 * resume there as if training had never stopped; only the optimizer is fresh.
 */
public final class Trainer {
    private Trainer() {}

    public static TrainResult train(Module model, TrainConfig cfg, SplitData data, TrainListener listener) {
        return train(model, cfg, data, listener, 0);
    }

    /** Trains steps {@code startIteration+1 .. cfg.iterations()}; evaluations and listener calls use the global iteration. */
    public static TrainResult train(Module model, TrainConfig cfg, SplitData data, TrainListener listener, int startIteration) {
        if (startIteration < 0 || startIteration > cfg.iterations())
            throw new IllegalArgumentException("start iteration must be in [0, " + cfg.iterations() + "], got " + startIteration);
        TrainResult resident = DeviceTrainer.trainIfResident(model, cfg, data, listener, startIteration);   // --device cuda, MLP family
        if (resident != null) return resident;
        if (listener == null) listener = TrainListener.NONE;
        long start = System.nanoTime();
        for (Parameter p : model.parameters()) { p.weightsChanged(); p.zeroGrad(); }
        Optimizer opt = optimizer(cfg, model.parameters());
        boolean transposed = wantsTransposedInput(model, cfg.batch());
        BatchLoader loader = new BatchLoader(data.train(), cfg.batch(), cfg.seed(), true, transposed);
        loader.seek(startIteration);
        int f = data.train().features();
        float[] x = loader.newXBuffer();
        int[] y = loader.newYBuffer();
        Tensor input = transposed ? Tensor.transposedLayout(x, cfg.batch(), f) : Tensor.of(x, cfg.batch(), f);
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        Evaluator evaluator = new Evaluator();
        Divergence divergence = new Divergence(data.train().classes());
        List<Parameter> params = model.parameters();
        List<EvalPoint> evals = new ArrayList<>();
        model.train();
        listener.onIteration(startIteration, model);
        double lossSinceEval = 0;
        int stepsSinceEval = 0;
        EvalPoint best = null;
        for (int it = startIteration + 1; it <= cfg.iterations(); it++) {
            opt.setLearningRate(cfg.schedule().rate(cfg.lr(), it - 1));
            loader.next(x, y);
            Tensor loss = lossFn.apply(model.forward(input), y);
            float l = loss.item();
            divergence.checkLoss(it, l);
            loss.backward();
            boolean evalStep = it % cfg.evalEvery() == 0 || it == cfg.iterations();
            if (evalStep) divergence.checkGradients(it, params);
            opt.stepAndZeroGrad();
            lossSinceEval += l;
            stepsSinceEval++;
            listener.onStep(it, l);
            listener.onIteration(it, model);
            if (evalStep) {
                divergence.checkWeights(it, params);
                Evaluator.Score val = evaluator.evaluate(model, data.validation());
                divergence.checkValidation(it, val.loss(), data.validation().size());
                Evaluator.Score test = evaluator.evaluate(model, data.test());
                EvalPoint p = new EvalPoint(it, lossSinceEval / stepsSinceEval, val.loss(), val.accuracy(), test.accuracy());
                evals.add(p);
                if (best == null || p.valLoss() < best.valLoss()) best = p;
                lossSinceEval = 0;
                stepsSinceEval = 0;
                listener.onEval(p);
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        if (evals.isEmpty()) {
            Evaluator.Score val = evaluator.evaluate(model, data.validation());
            Evaluator.Score test = evaluator.evaluate(model, data.test());
            EvalPoint p = new EvalPoint(startIteration, Double.NaN, val.loss(), val.accuracy(), test.accuracy());
            evals.add(p);
            best = p;
            listener.onEval(p);
        }
        EvalPoint last = evals.getLast();
        return new TrainResult(evals, best.iteration(), best.testAccuracy(), last.testAccuracy(), last.valLoss(),
                last.valAccuracy(), cfg.iterations() - startIteration, wall);
    }

    /**
     * True when the first layer is a linear layer that will run the sparse kernels: the loader then
     * writes batches transposed ([features, batch]), so the network never transposes its input.
     */
    static boolean wantsTransposedInput(Module model, int batch) {
        List<Parameter> ps = model.parameters();
        if (ps.isEmpty() || batch < 2) return false;
        Parameter first = ps.getFirst();
        if (first.shape().length != 2 || first.weightMask() == null) return false;
        int[] s = first.shape();
        return LinearPolicy.current().choose(first.weightMask().density(), batch, s[0], s[1]) == LinearPath.SPARSE;
    }

    /** The optimizer named by the config, over {@code params}. */
    public static Optimizer optimizer(TrainConfig cfg, List<Parameter> params) {
        return switch (cfg.optimizer()) {
            case "adam" -> new Adam(params, cfg.lr(), 0.9, 0.999, 1e-8, cfg.weightDecay());
            case "sgd" -> new Sgd(params, cfg.lr(), cfg.momentum(), cfg.nesterov(), cfg.weightDecay());
            default -> throw new IllegalArgumentException("unknown optimizer '" + cfg.optimizer() + "'");
        };
    }
}
