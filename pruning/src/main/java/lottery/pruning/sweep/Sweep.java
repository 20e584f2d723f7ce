package lottery.pruning.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import lottery.nn.io.AtomicFiles;
import lottery.pruning.ExperimentConfig;
import lottery.pruning.ExperimentStore;
import lottery.pruning.LevelTask;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep's output root on disk:
 * <pre>
 * sweep.json                 the cells (store name, axis values) and the spec they came from
 * cells/&lt;store&gt;.json        each cell's whole configuration (for {@code lottery imp --config})
 * &lt;store&gt;/                   each cell's experiment store
 * slurm/                     batch scripts, submitted jobs (jobs.json) and task logs (logs/)
 * </pre>
 */
public final class Sweep {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final List<SweepSpec.Cell> cells;
    private final Path dataDir;

    private Sweep(Path root, List<SweepSpec.Cell> cells, Path dataDir) {
        this.root = root;
        this.cells = cells;
        this.dataDir = dataDir;
    }

    /** Writes sweep.json and the cells' configurations under {@code root} (the stores are created as they run). */
    public static Sweep create(Path root, SweepSpec spec, Path specFile) throws IOException {
        List<SweepSpec.Cell> cells = spec.cells();
        Files.createDirectories(root.resolve("cells"));
        List<Map<String, Object>> list = new ArrayList<>();
        for (SweepSpec.Cell c : cells) {
            Cells.writeConfig(root.resolve("cells").resolve(c.name() + ".json"), c.config());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("values", c.values());
            list.add(m);
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("spec", specFile == null ? "" : specFile.toAbsolutePath().toString());
        s.put("dataDir", spec.dataDir() == null ? "" : spec.dataDir().toAbsolutePath().toString());
        s.put("cells", list);
        AtomicFiles.writeJson(root.resolve("sweep.json"), s);
        return new Sweep(root, cells, spec.dataDir() == null ? null : spec.dataDir().toAbsolutePath());
    }

    public static Sweep open(Path root) throws IOException {
        Path file = root.resolve("sweep.json");
        if (!Files.isRegularFile(file))
            throw new IllegalArgumentException(root + " is not a sweep (no sweep.json); pass the output root that `lottery sweep SPEC` "
                    + "printed");
        JsonNode s = JSON.readTree(file.toFile());
        List<SweepSpec.Cell> cells = new ArrayList<>();
        for (JsonNode c : s.path("cells")) {
            String name = c.path("name").asText();
            ExperimentConfig config = Cells.readConfig(root.resolve("cells").resolve(name + ".json"));
            if (!config.storeName().equals(name)) throw new IllegalStateException(root.resolve("cells").resolve(name + ".json")
                    + " describes " + config.storeName());
            @SuppressWarnings("unchecked")
            Map<String, Object> values = JSON.convertValue(c.path("values"), LinkedHashMap.class);
            cells.add(new SweepSpec.Cell(values, config));
        }
        String dataDir = s.path("dataDir").asText("");
        return new Sweep(root, cells, dataDir.isEmpty() ? null : Path.of(dataDir));
    }

    public Path root() { return root; }

    public List<SweepSpec.Cell> cells() { return cells; }

    public Path dataDir() { return dataDir; }

    public Path cellConfig(SweepSpec.Cell c) { return root.resolve("cells").resolve(c.name() + ".json"); }

    public Path storeDir(SweepSpec.Cell c) { return root.resolve(c.name()); }

    public Path slurmDir() { return root.resolve("slurm"); }

    /** The cell's store, opened (and created) for its configuration. */
    public ExperimentStore store(SweepSpec.Cell c) throws IOException { return ExperimentStore.open(root, c.config()); }

    /** Whether {@code t} of cell {@code c} is finished and whole (a damaged level is reported, removed, and counts as missing). */
    public boolean finished(SweepSpec.Cell c, LevelTask t) {
        if (!Files.isDirectory(storeDir(c))) return false;
        try {
            return ExperimentStore.existing(storeDir(c)).finished(t.arm(), t.replicate(), t.level(), warnings).isPresent();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Where warnings about damaged levels go (stderr unless replaced). */
    public Sweep onWarning(java.util.function.Consumer<String> w) {
        this.warnings = w;
        return this;
    }

    private java.util.function.Consumer<String> warnings = m -> System.err.println("lottery: warning: " + m);
}
