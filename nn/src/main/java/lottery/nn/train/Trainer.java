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
 * loss curve (batches come from a loader seeded by {@code cfg.seed()}).
 */
public final class Trainer {
    private Trainer() {}

    public static TrainResult train(Module model, TrainConfig cfg, SplitData data, TrainListener listener) {
        TrainResult resident = DeviceTrainer.trainIfResident(model, cfg, data, listener);   // --device cuda, MLP family
        if (resident != null) return resident;
        if (listener == null) listener = TrainListener.NONE;
        long start = System.nanoTime();
        for (Parameter p : model.parameters()) { p.weightsChanged(); p.zeroGrad(); }
        Optimizer opt = optimizer(cfg, model.parameters());
        boolean transposed = wantsTransposedInput(model, cfg.batch());
        BatchLoader loader = new BatchLoader(data.train(), cfg.batch(), cfg.seed(), true, transposed);
        int f = data.train().features();
        float[] x = loader.newXBuffer();
        int[] y = loader.newYBuffer();
        Tensor input = transposed ? Tensor.transposedLayout(x, cfg.batch(), f) : Tensor.of(x, cfg.batch(), f);
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        Evaluator evaluator = new Evaluator();
        List<EvalPoint> evals = new ArrayList<>();
        model.train();
        listener.onIteration(0, model);
        double lossSinceEval = 0;
        int stepsSinceEval = 0;
        EvalPoint best = null;
        for (int it = 1; it <= cfg.iterations(); it++) {
            opt.setLearningRate(cfg.schedule().rate(cfg.lr(), it - 1));
            loader.next(x, y);
            Tensor loss = lossFn.apply(model.forward(input), y);
            float l = loss.item();
            if (!Float.isFinite(l)) throw new DivergedException(it, l);
            loss.backward();
            opt.stepAndZeroGrad();
            lossSinceEval += l;
            stepsSinceEval++;
            listener.onStep(it, l);
            listener.onIteration(it, model);
            if (it % cfg.evalEvery() == 0 || it == cfg.iterations()) {
                Evaluator.Score val = evaluator.evaluate(model, data.validation());
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
            EvalPoint p = new EvalPoint(0, Double.NaN, val.loss(), val.accuracy(), test.accuracy());
            evals.add(p);
            best = p;
            listener.onEval(p);
        }
        EvalPoint last = evals.getLast();
        return new TrainResult(evals, best.iteration(), best.testAccuracy(), last.testAccuracy(), last.valLoss(),
                last.valAccuracy(), cfg.iterations(), wall);
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
