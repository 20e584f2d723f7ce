package lottery.nn.cuda;

import lottery.engine.Backend;
import lottery.engine.Device;
import lottery.engine.cuda.CudaBackend;
import lottery.kernels.cuda.CudaContext;
import lottery.kernels.cuda.DeviceBuffer;
import lottery.nn.Module;
import lottery.nn.data.BatchLoader;
import lottery.nn.data.Dataset;
import lottery.nn.data.SplitData;
import lottery.nn.train.DivergedException;
import lottery.nn.train.EvalPoint;
import lottery.nn.train.Evaluator;
import lottery.nn.train.TrainConfig;
import lottery.nn.train.TrainListener;
import lottery.nn.train.TrainResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Device-resident training ({@code --device cuda} for the MLP family): the same loop, data order,
 * evaluations and early-stop bookkeeping as {@link lottery.nn.train.Trainer}, with the network in a
 * {@link DeviceMlp}. Host and device meet only here:
 * <ul>
 * <li>one upload per step: the batch's samples with its labels appended (as 4-byte ints);</li>
 * <li>each step's summed loss goes to a loss log on the device; the log is downloaded at evaluations
 *     (and when full, or before a listener reads the weights), then {@code onStep} is called for
 *     each logged step and a non-finite loss raises {@link DivergedException} naming its step;</li>
 * <li>validation and test sets are uploaded once per run; an evaluation downloads logits and losses;</li>
 * <li>weights come back to the host at the end, and before {@code onIteration} for a listener that
 *     reads them ({@link TrainListener#readsWeights}); nothing waits on the device otherwise.</li>
 * </ul>
 * Other models (conv nets, dropout) and SGD with Nesterov momentum train through the per-call path.
 */
public final class DeviceTrainer {
    private DeviceTrainer() {}

    /** System property: false sends the MLP family through the per-call path too (to compare the two). */
    public static final String RESIDENT_PROPERTY = "lottery.cuda.resident";
    /** The most steps logged on the device between two downloads. */
    static final int MAX_LOG = 4096;

    /** The device context when {@code model} and {@code cfg} train device-resident on the selected device, else null. */
    public static CudaContext residentContext(Module model, TrainConfig cfg) {
        if (!(Backend.of(Device.CPU) instanceof CudaBackend gpu)) return null;
        if ("false".equalsIgnoreCase(System.getProperty(RESIDENT_PROPERTY))) return null;
        if (cfg.nesterov() || !DeviceMlp.supports(model)) return null;
        return gpu.context();
    }

    /** {@link #train} when the run can be device-resident, else null (the caller trains as usual). */
    public static TrainResult trainIfResident(Module model, TrainConfig cfg, SplitData data, TrainListener listener, int startIteration) {
        CudaContext ctx = residentContext(model, cfg);
        return ctx == null ? null : train(ctx, model, cfg, data, listener == null ? TrainListener.NONE : listener, startIteration);
    }

    public static TrainResult train(CudaContext ctx, Module model, TrainConfig cfg, SplitData data, TrainListener listener) {
        return train(ctx, model, cfg, data, listener, 0);
    }

    /** Trains steps {@code startIteration+1 .. cfg.iterations()} on the global clock, as {@code Trainer.train} does. */
    public static TrainResult train(CudaContext ctx, Module model, TrainConfig cfg, SplitData data, TrainListener listener,
                                    int startIteration) {
        long start = System.nanoTime();
        for (var p : model.parameters()) { p.weightsChanged(); p.zeroGrad(); }   // as the CPU trainer: pruned weights exactly 0
        int batch = cfg.batch(), f = data.train().features();
        int evalRows = Math.max(1, Math.min(Evaluator.CHUNK, Math.max(data.validation().size(), data.test().size())));
        BatchLoader loader = new BatchLoader(data.train(), batch, cfg.seed(), true, false);
        loader.seek(startIteration);
        float[] staged = new float[batch * f + batch];            // x: [batch, f], then the labels' bits
        int[] y = new int[batch];
        Steps steps = new Steps(listener, model, Math.min(MAX_LOG, cfg.evalEvery()));
        List<EvalPoint> evals = new ArrayList<>();
        EvalPoint best = null;
        model.train();
        try (DeviceMlp net = new DeviceMlp(ctx, model, cfg, Math.max(batch, evalRows));
             DeviceBuffer x = ctx.allocateFloats(staged.length); DeviceBuffer log = ctx.allocateFloats(steps.capacity);
             DeviceSet val = DeviceSet.upload(ctx, data.validation()); DeviceSet test = DeviceSet.upload(ctx, data.test())) {
            if (f != net.inputs()) throw new IllegalArgumentException("the model takes " + net.inputs() + " features, the data has " + f);
            if (steps.callsOnIteration) listener.onIteration(startIteration, model);
            for (int it = startIteration + 1; it <= cfg.iterations(); it++) {
                loader.next(staged, y);
                for (int b = 0; b < batch; b++) staged[batch * f + b] = Float.intBitsToFloat(y[b]);
                x.upload(staged);
                net.trainStep(batch, x, (long) batch * f, (float) cfg.schedule().rate(cfg.lr(), it - 1), log, steps.pending);
                steps.logged(it);
                boolean eval = it % cfg.evalEvery() == 0 || it == cfg.iterations();
                boolean snapshot = steps.callsOnIteration && listener.readsWeights(it);
                if (eval || snapshot || steps.full()) steps.flush(log, batch, snapshot ? it : -1);
                if (snapshot) {
                    net.downloadTo();
                    listener.onIteration(it, model);
                }
                if (eval) {
                    Evaluator.Score v = score(net, val), t = score(net, test);
                    EvalPoint p = new EvalPoint(it, steps.lossSinceEval / steps.stepsSinceEval, v.loss(), v.accuracy(), t.accuracy());
                    evals.add(p);
                    if (best == null || p.valLoss() < best.valLoss()) best = p;
                    steps.lossSinceEval = 0;
                    steps.stepsSinceEval = 0;
                    listener.onEval(p);
                }
            }
            if (evals.isEmpty()) {
                Evaluator.Score v = score(net, val), t = score(net, test);
                best = new EvalPoint(startIteration, Double.NaN, v.loss(), v.accuracy(), t.accuracy());
                evals.add(best);
                listener.onEval(best);
            }
            net.downloadTo();
        }
        EvalPoint last = evals.getLast();
        return new TrainResult(evals, best.iteration(), best.testAccuracy(), last.testAccuracy(), last.valLoss(), last.valAccuracy(),
                cfg.iterations() - startIteration, (System.nanoTime() - start) / 1e9);
    }

    /** Mean loss and accuracy over a device-resident dataset, in chunks of {@link Evaluator#CHUNK} rows. */
    static Evaluator.Score score(DeviceMlp net, DeviceSet set) {
        int n = set.size, classes = net.classes();
        if (n == 0) return new Evaluator.Score(Double.NaN, Double.NaN);
        float[] logits = new float[Math.min(Evaluator.CHUNK, n) * classes], loss = new float[Math.min(Evaluator.CHUNK, n)];
        double lossSum = 0;
        long correct = 0;
        for (int s = 0; s < n; s += Evaluator.CHUNK) {
            int m = Math.min(Evaluator.CHUNK, n - s);
            net.forward(m, set.x, (long) s * set.features);
            net.logits().download(0, logits, 0, m * classes);
            net.losses(m, set.y, s).download(0, loss, 0, m);
            for (int b = 0; b < m; b++) {
                lossSum += loss[b];
                int arg = 0;                                 // first maximum, as SoftmaxCrossEntropy.argmax
                for (int c = 1; c < classes; c++) if (logits[b * classes + c] > logits[b * classes + arg]) arg = c;
                if (arg == set.labels[s + b]) correct++;
            }
        }
        return new Evaluator.Score(lossSum / n, (double) correct / n);
    }

    /** A dataset on the device: samples [n, features] and labels [n]. */
    record DeviceSet(DeviceBuffer x, DeviceBuffer y, int size, int features, int[] labels) implements AutoCloseable {
        static DeviceSet upload(CudaContext ctx, Dataset d) {
            if (d.size() == 0) return new DeviceSet(ctx.allocateFloats(1), ctx.allocateFloats(1), 0, d.features(), d.y());
            DeviceBuffer x = ctx.upload(d.x());
            try {
                return new DeviceSet(x, ctx.upload(d.y()), d.size(), d.features(), d.y());
            } catch (RuntimeException e) {
                x.close();
                throw e;
            }
        }

        @Override public void close() {
            x.close();
            y.close();
        }
    }

    /** The steps whose losses sit in the device log, and the listener calls they still owe. */
    private static final class Steps {
        final TrainListener listener;
        final Module model;
        final int capacity;
        final boolean callsOnIteration;
        final float[] host;
        int pending, first;
        double lossSinceEval;
        int stepsSinceEval;

        Steps(TrainListener listener, Module model, int capacity) {
            this.listener = listener;
            this.model = model;
            this.capacity = capacity;
            this.callsOnIteration = overridesOnIteration(listener);
            this.host = new float[capacity];
        }

        void logged(int it) {
            if (pending == 0) first = it;
            pending++;
        }

        boolean full() { return pending == capacity; }

        /** Downloads the logged losses and makes the owed calls (onIteration for {@code snapshot} is left to the caller). */
        void flush(DeviceBuffer log, int batch, int snapshot) {
            if (pending == 0) return;
            log.download(0, host, 0, pending);
            int n = pending;
            pending = 0;
            for (int i = 0; i < n; i++) {
                int it = first + i;
                float l = host[i] / batch;
                if (!Float.isFinite(l)) throw new DivergedException(it, l);
                lossSinceEval += l;
                stepsSinceEval++;
                listener.onStep(it, l);
                if (callsOnIteration && it != snapshot) listener.onIteration(it, model);
            }
        }
    }

    /** Whether {@code l} overrides {@link TrainListener#onIteration} (the default does nothing, so need not be called). */
    static boolean overridesOnIteration(TrainListener l) {
        try {
            return l.getClass().getMethod("onIteration", int.class, Module.class).getDeclaringClass() != TrainListener.class;
        } catch (NoSuchMethodException e) {
            return true;
        }
    }
}
