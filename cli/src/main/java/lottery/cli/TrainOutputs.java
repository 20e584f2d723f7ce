package lottery.cli;

import lottery.nn.Checkpoint;
import lottery.nn.Module;
import lottery.nn.io.AtomicFiles;
import lottery.nn.models.Models;
import lottery.nn.train.DivergedException;
import lottery.nn.train.EvalPoint;
import lottery.nn.train.TrainConfig;
import lottery.nn.train.TrainResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The files of {@code lottery train --out DIR}, each written atomically: metrics.csv after every evaluation, summary.json and the weights at the end. */
final class TrainOutputs {
    static final String METRICS = "metrics.csv", SUMMARY = "summary.json", WEIGHTS = "model.safetensors";
    private static final String HEADER = "iteration,train_loss,val_loss,val_accuracy,test_accuracy\n";

    private final Path dir;
    private final String model, dataset;
    private final TrainConfig cfg;
    private final StringBuilder csv = new StringBuilder(HEADER);

    private TrainOutputs(Path dir, String model, String dataset, TrainConfig cfg) {
        this.dir = dir; this.model = model; this.dataset = dataset; this.cfg = cfg;
    }

    static TrainOutputs create(Path dir, String model, String dataset, TrainConfig cfg) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new IOException("--out " + dir + " exists and is not a folder");
        Files.createDirectories(dir);
        return new TrainOutputs(dir, model, dataset, cfg);
    }

    void append(EvalPoint p) throws IOException {
        csv.append(String.format(Locale.ROOT, "%d,%.6g,%.6g,%.6g,%.6g%n", p.iteration(), p.trainLoss(), p.valLoss(), p.valAccuracy(), p.testAccuracy()));
        AtomicFiles.writeString(dir.resolve(METRICS), csv.toString());
    }

    /** summary.json and the weights; {@code inputMetadata}: the input normalisation, stored in the weights' header. */
    void writeFinal(Module net, TrainResult r, Map<String, String> inputMetadata, Models.Options options) throws IOException {
        Map<String, Object> s = header("finished");
        s.put("early_stop_iteration", r.earlyStopIteration());
        s.put("early_stop_test_accuracy", r.earlyStopTestAccuracy());
        s.put("final_test_accuracy", r.finalTestAccuracy());
        s.put("final_val_loss", r.finalValLoss());
        s.put("final_val_accuracy", r.finalValAccuracy());
        s.put("wall_seconds", r.wallSeconds());
        s.put("iterations_per_second", r.iterationsPerSecond());
        s.put("input", inputMetadata);
        s.put("dropout", options.dropout());
        s.put("init", options.init().id());
        Map<String, String> meta = new LinkedHashMap<>(Map.of("model", model, "dataset", dataset, "seed", Long.toString(cfg.seed())));
        meta.putAll(inputMetadata);
        Checkpoint.save(net, dir.resolve(WEIGHTS), meta);
        AtomicFiles.writeJson(dir.resolve(SUMMARY), s);
    }

    void writeDiverged(DivergedException e) throws IOException {
        Map<String, Object> s = header("diverged");
        s.put("diverged_at_iteration", e.iteration());
        s.put("message", e.getMessage());
        AtomicFiles.writeJson(dir.resolve(SUMMARY), s);
    }

    private Map<String, Object> header(String status) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("status", status);
        s.put("model", model);
        s.put("dataset", dataset);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iterations", cfg.iterations());
        c.put("batch", cfg.batch());
        c.put("optimizer", cfg.optimizer());
        c.put("lr", cfg.lr());
        c.put("momentum", cfg.momentum());
        c.put("nesterov", cfg.nesterov());
        c.put("weight_decay", cfg.weightDecay());
        c.put("schedule", cfg.schedule().toString());
        c.put("eval_every", cfg.evalEvery());
        c.put("seed", cfg.seed());
        s.put("config", c);
        return s;
    }
}
