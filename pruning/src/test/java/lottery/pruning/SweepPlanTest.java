package lottery.pruning;

import lottery.pruning.sweep.Cells;
import lottery.pruning.sweep.SlurmPlan;
import lottery.pruning.sweep.Sweep;
import lottery.pruning.sweep.SweepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Sweep specs, the cells' configurations on disk, and the Slurm stages planned for a fresh and a half-done sweep. */
class SweepPlanTest {
    @TempDir Path dir;

    private Path spec(String text) throws IOException {
        Path f = dir.resolve("spec.yaml");
        Files.writeString(f, text);
        return f;
    }

    private static final String SPEC = """
            out: runs/grid
            replicates: 2
            base: {model: fake, dataset: mnist, iterations: 20, batch: 8, eval-every: 5, levels: 2, arms: [ticket, reinit], seed: 7}
            axes:
              strategy: [layerwise, global]
              rewind: [init, 2ep]
            """;

    @Test void theGridIsTheProductOfTheAxesOverTheBaseAndImpsDefaults() throws IOException {
        SweepSpec s = SweepSpec.read(spec(SPEC));
        List<SweepSpec.Cell> cells = s.cells();
        assertEquals(4, cells.size());
        assertEquals("strategy=layerwise rewind=init", cells.get(0).label());
        assertEquals("strategy=layerwise rewind=2ep", cells.get(1).label());
        assertEquals("strategy=global rewind=init", cells.get(2).label());
        ExperimentConfig c = cells.get(3).config();
        assertEquals("global", c.strategy());
        assertEquals("2ep", c.rewind());
        assertEquals(5, c.evalEvery());
        assertEquals(2, c.replicates());
        assertEquals(List.of(Arm.TICKET, Arm.REINIT), c.arms());
        assertEquals(1.2e-3, c.lr());                                  // imp's default
        assertEquals(Path.of("runs/grid"), s.out());
        assertEquals(4, cells.stream().map(SweepSpec.Cell::name).distinct().count());
    }

    @Test void structuredStrategiesAreAxisValues() throws IOException {
        SweepSpec s = SweepSpec.read(spec("""
                out: runs/structured
                base: {model: fake, dataset: mnist, iterations: 20, batch: 8, eval-every: 5, levels: 2}
                axes:
                  strategy: [layerwise, "nm:4:8,2:8,1:8", block:4x4, "block:4x4:global"]
                """));
        List<SweepSpec.Cell> cells = s.cells();
        assertEquals(List.of("layerwise", "nm:4:8,2:8,1:8", "block:4x4", "block:4x4:global"),
                cells.stream().map(c -> c.config().strategy()).toList());
        assertEquals(4, cells.stream().map(SweepSpec.Cell::name).distinct().count());
        assertThrows(IllegalArgumentException.class, () -> SweepSpec.read(spec("""
                out: runs/bad
                base: {model: fake, dataset: mnist, iterations: 20, batch: 8, eval-every: 5, levels: 2}
                axes:
                  strategy: ["nm:2:4,2:4"]
                """)).cells());
    }

    @Test void aSpecSetsEveryImpSettingAndTakesTheModelsDefaultsLikeImp() throws IOException {
        SweepSpec s = SweepSpec.read(spec("""
                out: runs/variants
                base: {model: conv2-dropout, dataset: cifar10, iterations: 20, batch: 8, eval-every: 5, levels: 2, rewind: 5it}
                axes:
                  normalize: [none, l2]
                  init: [glorot-truncated, kaiming-normal]
                  dropout: [0.3]
                """));
        List<SweepSpec.Cell> cells = s.cells();
        assertEquals(4, cells.size());
        assertEquals(4, cells.stream().map(SweepSpec.Cell::name).distinct().count(), "normalize and init are part of the identity");
        ExperimentConfig c = cells.get(3).config();
        assertEquals("l2", c.normalize());
        assertEquals("kaiming-normal", c.init());
        assertEquals(0.3, c.dropout());
        assertEquals(0.10, c.convRate(), "the paper's conv rate for conv2, as imp takes it");
        assertEquals("global", c.identity().get("rewindClock"), "a late rewind resumes on the global clock");
        assertEquals(0.3, c.identity().get("dropout"));

        ExperimentConfig defaults = SweepSpec.read(spec("out: x\nbase: {model: conv6-dropout, dataset: cifar10}\n")).cells().get(0)
                .config();
        assertEquals(Presets.paper("conv6-dropout", 0).convRate(), defaults.convRate());
        assertEquals(0.5, defaults.dropout(), "the -dropout model's own rate");
        assertEquals(ExperimentConfig.DEFAULT_NORMALIZE, defaults.normalize());
        assertEquals(ExperimentConfig.DEFAULT_INIT, defaults.init());
        ExperimentConfig set = SweepSpec.read(spec("out: x\nbase: {model: conv4, dataset: cifar10, conv-rate: 0.2, dropout: 0}\n"))
                .cells().get(0).config();
        assertEquals(0.2, set.convRate());
        assertEquals(0.0, set.dropout());
        Path f = dir.resolve("cell.json");
        Cells.writeConfig(f, c);
        assertEquals(c, Cells.readConfig(f), "a cluster task reads the same settings back");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SweepSpec.read(spec("out: x\naxes: {normalize: [zca]}\n")))
                .getMessage().contains("zca"));
    }

    @Test void badSpecsAreOneLineErrors() throws IOException {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SweepSpec.read(spec("out: x\nbase: {colour: red}\n")))
                .getMessage().contains("unknown setting 'colour'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SweepSpec.read(spec("out: x\naxes: {rate: [0.2, 0.2]}\n")))
                .getMessage().contains("same experiment"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SweepSpec.read(spec("out: x\naxes: {rate: 0.2}\n")))
                .getMessage().contains("non-empty list"));
        assertThrows(IllegalArgumentException.class, () -> SweepSpec.read(spec("out: x\naxes: {rate: [2.0]}\n")));
        assertThrows(IllegalArgumentException.class, () -> SweepSpec.read(spec("base: {}\n")));        // no out
        assertThrows(IllegalArgumentException.class, () -> SweepSpec.read(spec("out: x\nbase: [1, 2\n")));
        SweepSpec json = SweepSpec.read(spec("{\"out\": \"x\", \"axes\": {\"rate\": [0.1, 0.3]}}"));   // JSON is YAML
        assertEquals(2, json.cells().size());
    }

    @Test void aCellsConfigurationReadsBackWhole() throws IOException {
        ExperimentConfig c = SweepSpec.read(spec(SPEC)).cells().get(1).config();
        Path f = dir.resolve("cell.json");
        Cells.writeConfig(f, c);
        assertEquals(c, Cells.readConfig(f));
        Files.writeString(f, "{\"model\": \"x\"}");
        assertThrows(IllegalArgumentException.class, () -> Cells.readConfig(f));
    }

    @Test void aFreshSweepIsOneArrayPerStageChainedTaskByTask() throws IOException {
        Sweep sweep = Sweep.create(dir.resolve("root"), SweepSpec.read(spec(SPEC)), null);
        SlurmPlan plan = new SlurmPlan(sweep);
        List<String> stages = plan.stages().stream().map(s -> s.name() + " " + s.arraySpec() + " after " + s.after()).toList();
        assertEquals(List.of("ticket-L00 0-7 after null", "ticket-L01 0-7 after ticket-L00", "reinit-L01 0-7 after ticket-L01",
                "ticket-L02 0-7 after ticket-L01", "reinit-L02 0-7 after ticket-L02"), stages);
        assertEquals(40, plan.taskCount());
        String script = plan.script(plan.stages().get(2), "/opt/lottery/lottery", List.of("partition=cpu", "time=01:00:00"));
        assertTrue(script.contains("#SBATCH --array=0-7\n"), script);
        assertTrue(script.contains("#SBATCH --partition=cpu\n#SBATCH --time=01:00:00\n"), script);
        assertTrue(script.contains("#SBATCH --cpus-per-task=1\n"), script);
        assertTrue(script.contains("cell=${cells[$((SLURM_ARRAY_TASK_ID / 2))]}"), script);
        assertTrue(script.contains("task=reinit/rep$rep/level01"), script);
        assertTrue(script.contains("exec /opt/lottery/lottery imp --config"), script);
        assertEquals(sweep.cells().get(3).config(), Sweep.open(dir.resolve("root")).cells().get(3).config());
    }

    @Test void aHalfDoneSweepSubmitsWhatIsMissingAndTheTicketsBelowItThatKeepTheChains() throws IOException {
        Sweep sweep = Sweep.create(dir.resolve("root"), SweepSpec.read(spec(SPEC)), null);
        FakeNetwork.Factory f = new FakeNetwork.Factory(20, 5);
        SweepSpec.Cell done = sweep.cells().get(0), partial = sweep.cells().get(1);
        new Imp(done.config(), f, sweep.store(done), ImpListener.NONE).run();            // cell 0: all of it
        Imp half = new Imp(partial.config(), f, sweep.store(partial), ImpListener.NONE);  // cell 1, rep 0: up to reinit level 1
        for (LevelTask t : List.of(LevelTask.parse("ticket/rep0/level0"), LevelTask.parse("ticket/rep0/level1"),
                LevelTask.parse("reinit/rep0/level1")))
            half.runOne(t);
        SlurmPlan plan = new SlurmPlan(sweep);
        List<String> stages = new ArrayList<>();
        for (SlurmPlan.Stage s : plan.stages()) stages.add(s.name() + " " + s.arraySpec());
        // index = cell * 2 + replicate; cell 0 (0, 1) is done; cell 1 rep 0 (index 2) needs ticket-L02 and reinit-L02
        assertEquals(List.of("ticket-L00 2-7", "ticket-L01 2-7", "reinit-L01 3-7", "ticket-L02 2-7", "reinit-L02 2-7"), stages);
        assertTrue(sweep.finished(partial, LevelTask.parse("ticket/rep0/level01")));
        assertFalse(sweep.finished(partial, LevelTask.parse("ticket/rep1/level00")));
    }
}
