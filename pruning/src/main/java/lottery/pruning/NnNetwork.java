package lottery.pruning;

import lottery.nn.Dropout;
import lottery.nn.Module;
import lottery.nn.Parameter;
import lottery.nn.data.SplitData;
import lottery.nn.train.EvalPoint;
import lottery.nn.train.Evaluator;
import lottery.nn.train.TrainConfig;
import lottery.nn.train.TrainListener;
import lottery.nn.train.TrainResult;
import lottery.nn.train.Trainer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/** A {@link Network} backed by an nn {@link Module}, trained by the nn {@link Trainer} (a fresh optimizer per call). */
public final class NnNetwork implements Network {
    private final Module model;
    private final SplitData data;
    private final LongFunction<TrainConfig> trainConfig;
    private Evaluator evaluator;

    /** {@code trainConfig}: the training hyperparameters for a data-order seed. */
    public NnNetwork(Module model, SplitData data, LongFunction<TrainConfig> trainConfig) {
        this.model = model;
        this.data = data;
        this.trainConfig = trainConfig;
    }

    /** A network that can be pruned and rewound but not trained (for tests and tools). */
    static NnNetwork of(Module model) { return new NnNetwork(model, null, null); }

    public Module module() { return model; }

    @Override public Map<String, int[]> shapes() {
        Map<String, int[]> s = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) s.put(p.name(), p.shape());
        return s;
    }

    @Override public List<String> prunable() {
        List<String> names = new ArrayList<>();
        for (Parameter p : model.parameters()) if (p.prunable()) names.add(p.name());
        return names;
    }

    /** Shapes of the prunable parameters, in order. */
    public Map<String, int[]> prunableShapes() {
        Map<String, int[]> s = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) if (p.prunable()) s.put(p.name(), p.shape());
        return s;
    }

    @Override public Map<String, float[]> state() { return model.stateCopy(); }

    @Override public void load(Map<String, float[]> state) { model.loadState(state); }

    @Override public void setMasks(Masks masks) {
        for (Parameter p : model.parameters()) if (p.prunable()) p.setMask(masks.mask(p.name()));
    }

    @Override public TrainOutcome train(long dataSeed, int start, TrainHooks hooks) {
        if (data == null) throw new IllegalStateException("this network has no data to train on");
        TrainConfig cfg = trainConfig.apply(dataSeed);
        if (hooks.endAt() >= 0) cfg = cfg.withIterations(hooks.endAt());
        Dropout.seekAll(model, start);
        TrainResult r = Trainer.train(model, cfg, data, new TrainListener() {
            @Override public void onStep(int iteration, float loss) { hooks.onStep(iteration); }
            @Override public void onIteration(int iteration, Module m) {
                if (hooks.snapshotAt(iteration)) hooks.onSnapshot(m.stateCopy());
            }
            @Override public boolean readsWeights(int iteration) { return hooks.snapshotAt(iteration); }
        }, start);
        List<EvalRow> evals = new ArrayList<>();
        double minValLoss = Double.NaN;
        for (EvalPoint e : r.evals()) {
            evals.add(new EvalRow(e.iteration(), e.trainLoss(), e.valLoss(), e.valAccuracy(), e.testAccuracy()));
            if (e.iteration() == r.earlyStopIteration()) minValLoss = e.valLoss();
        }
        return new TrainOutcome(evals, r.earlyStopIteration(), r.earlyStopTestAccuracy(), r.finalTestAccuracy(), minValLoss);
    }

    /** The input normalisation of the data this network trains on (see {@code InputNormalization}). */
    @Override public Map<String, String> metadata() { return data == null ? Map.of() : data.metadata(); }

    @Override public double testAccuracy() {
        if (data == null) throw new IllegalStateException("this network has no data to evaluate on");
        if (evaluator == null) evaluator = new Evaluator();
        return evaluator.evaluate(model, data.test()).accuracy();
    }
}
