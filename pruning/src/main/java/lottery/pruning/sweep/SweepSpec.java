package lottery.pruning.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import lottery.pruning.Arm;
import lottery.nn.models.Models;
import lottery.pruning.ExperimentConfig;
import lottery.pruning.Presets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep: a grid of IMP experiments. Read from YAML or JSON:
 * <pre>
 * out: runs/sweep              # the output root (--out overrides it)
 * replicates: 2
 * base: {model: lenet300, iterations: 5000, eval-every: 100, levels: 10, arms: [ticket, reinit]}
 * axes:
 *   strategy: [layerwise, global]
 *   rewind: [init, 500it]
 * </pre>
 * Keys are {@code lottery imp}'s options, with or without dashes ({@code eval-every} or
 * {@code evalEvery}), {@code dropout}, {@code normalize} and {@code init} included; what the base
 * leaves out takes imp's defaults (the paper's LeNet setup; the conv rate and dropout of the model).
 * A late rewind ({@code 500it}) resumes on the global clock, as in imp.
 * The cells are the product of the axes, first axis slowest; each is one experiment store under
 * the root, named by its configuration's hash, so a cell that is already there is reused.
 */
public record SweepSpec(Map<String, Object> base, Map<String, List<Object>> axes, int replicates, Path out, Path dataDir) {
    /**
     * {@code lottery imp}'s settings and defaults (the paper's LeNet-300-100 / MNIST setup); a null
     * default depends on the model, as in imp: convRate (the paper's rate) and dropout (the model's own).
     */
    public static final Map<String, Object> DEFAULTS = defaults();

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public record Cell(Map<String, Object> values, ExperimentConfig config) {
        public String name() { return config.storeName(); }

        /** The axis values, e.g. {@code strategy=global rewind=500it}. */
        public String label() {
            StringBuilder s = new StringBuilder();
            values.forEach((k, v) -> s.append(s.isEmpty() ? "" : " ").append(k).append('=').append(v));
            return s.isEmpty() ? "base" : s.toString();
        }
    }

    public static SweepSpec read(Path file) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            if (e instanceof java.io.FileNotFoundException || e instanceof java.nio.file.NoSuchFileException) throw e;
            throw new IllegalArgumentException(file + " is not valid YAML or JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject())
            throw new IllegalArgumentException(file + " must hold a mapping with base, axes, replicates and out");
        for (var it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!Set.of("base", "axes", "replicates", "out", "data-dir", "dataDir").contains(k))
                throw new IllegalArgumentException(file + ": unknown key '" + k + "'; a spec has base, axes, replicates, out and data-dir");
        }
        Map<String, Object> base = new LinkedHashMap<>();
        root.path("base").fields().forEachRemaining(e -> base.put(key(e.getKey()), YAML.convertValue(e.getValue(), Object.class)));
        Map<String, List<Object>> axes = new LinkedHashMap<>();
        root.path("axes").fields().forEachRemaining(e -> {
            if (!e.getValue().isArray() || e.getValue().isEmpty()) throw new IllegalArgumentException(file + ": axis '" + e.getKey()
                    + "' must be a non-empty list");
            List<Object> values = new ArrayList<>();
            e.getValue().forEach(v -> values.add(YAML.convertValue(v, Object.class)));
            axes.put(key(e.getKey()), values);
        });
        int replicates = root.path("replicates").asInt(1);
        String out = root.path("out").asText("");
        if (out.isEmpty()) throw new IllegalArgumentException(file + ": no output root (out: DIR)");
        String dataDir = root.has("data-dir") ? root.get("data-dir").asText() : root.path("dataDir").asText("");
        SweepSpec spec = new SweepSpec(base, axes, replicates, Path.of(out), dataDir.isEmpty() ? null : Path.of(dataDir));
        spec.cells();   // validates every cell
        return spec;
    }

    /** Every cell of the grid, first axis slowest. */
    public List<Cell> cells() {
        List<Map<String, Object>> grid = new ArrayList<>(List.of(new LinkedHashMap<>()));
        axes.forEach((axis, values) -> {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : grid)
                for (Object v : values) {
                    Map<String, Object> m = new LinkedHashMap<>(partial);
                    m.put(axis, v);
                    next.add(m);
                }
            grid.clear();
            grid.addAll(next);
        });
        List<Cell> cells = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Map<String, Object> values : grid) {
            Map<String, Object> all = new LinkedHashMap<>(DEFAULTS);
            base.forEach((k, v) -> all.put(known(k), v));
            values.forEach((k, v) -> all.put(known(k), v));
            ExperimentConfig c = config(all, replicates);
            if (!names.add(c.storeName())) throw new IllegalArgumentException("two cells of the grid are the same experiment ("
                    + values + "); remove the duplicate axis value");
            cells.add(new Cell(values, c));
        }
        return cells;
    }

    private static String key(String k) {
        StringBuilder s = new StringBuilder();
        boolean up = false;
        for (char c : k.toCharArray()) {
            if (c == '-' || c == '_') { up = true; continue; }
            s.append(up ? Character.toUpperCase(c) : c);
            up = false;
        }
        return s.toString();
    }

    private static String known(String k) {
        if (!DEFAULTS.containsKey(k))
            throw new IllegalArgumentException("unknown setting '" + k + "'; a sweep sets " + String.join(", ", DEFAULTS.keySet()));
        return k;
    }

    private static ExperimentConfig config(Map<String, Object> m, int replicates) {
        Object arms = m.get("arms");
        String armList = arms instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : String.valueOf(arms);
        String model = str(m, "model");
        // like lottery imp: the paper's conv rate for the model, and the model's own dropout (0.5 for the -dropout variants)
        double convRate = m.get("convRate") == null ? Presets.convRate(model) : num(m, "convRate");
        double dropout = m.get("dropout") != null ? num(m, "dropout") : Models.NAMES.contains(model) ? Models.defaultDropout(model) : 0;
        return new ExperimentConfig(model, lottery.nn.data.Datasets.canonical(str(m, "dataset")), str(m, "strategy"),
                num(m, "rate"), num(m, "outputRate"), convRate, str(m, "rewind"), integer(m, "iterations"),
                integer(m, "batch"), str(m, "optimizer"), num(m, "lr"), num(m, "momentum"), num(m, "weightDecay"),
                integer(m, "evalEvery"), (long) num(m, "seed"), integer(m, "levels"), replicates, Arm.parseList(armList),
                dropout, str(m, "normalize"), str(m, "init"));
    }

    private static String str(Map<String, Object> m, String k) { return String.valueOf(m.get(k)); }

    private static double num(Map<String, Object> m, String k) {
        Object v = m.get(k);
        if (v instanceof Number n) return n.doubleValue();
        try {
            return Double.parseDouble(String.valueOf(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(k + " must be a number, got '" + v + "'");
        }
    }

    private static int integer(Map<String, Object> m, String k) {
        double d = num(m, k);
        if (d != Math.rint(d)) throw new IllegalArgumentException(k + " must be a whole number, got " + m.get(k));
        return (int) d;
    }

    private static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("model", "lenet300");
        d.put("dataset", "mnist");
        d.put("strategy", "layerwise");
        d.put("rate", 0.2);
        d.put("outputRate", 0.1);
        d.put("convRate", null);                                        // the paper's rate for the model (Presets.convRate)
        d.put("rewind", "init");
        d.put("levels", 18);
        d.put("arms", "ticket");
        d.put("iterations", 50000);
        d.put("optimizer", "adam");
        d.put("lr", 1.2e-3);
        d.put("momentum", 0.9);
        d.put("weightDecay", 0.0);
        d.put("batch", 60);
        d.put("evalEvery", 100);
        d.put("seed", 0);
        d.put("dropout", null);                                         // the model's own (Models.defaultDropout)
        d.put("normalize", ExperimentConfig.DEFAULT_NORMALIZE);
        d.put("init", ExperimentConfig.DEFAULT_INIT);
        return java.util.Collections.unmodifiableMap(d);
    }
}
