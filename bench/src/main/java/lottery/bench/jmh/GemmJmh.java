package lottery.bench.jmh;

import lottery.bench.CpuTasks;
import lottery.bench.GemmShape;
import lottery.bench.Impl;
import lottery.bench.Layer;
import lottery.bench.MaskPattern;
import lottery.bench.OpenBlas;
import lottery.bench.Op;
import lottery.bench.Operands;
import lottery.bench.ShapeSpec;
import lottery.bench.Task;
import lottery.kernels.BitMask;
import lottery.kernels.Threads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * JMH micro-benchmark of one layer product: dense, masked, sparse or OpenBLAS, by shape, layout and density.
 * {@code variant} is "dense", "openblas" (density 1: their work does not depend on the mask) or "masked@d" / "sparse@d".
 * {@code shape} is a layer of a named model ("lenet300.fc1") or a single-layer spec ("square:1024", "linear:300x784").
 * {@code pattern} is a mask pattern (random, block4x4, block1x8); {@code seed} seeds the operands and, with the density, the mask.
 * Run: {@code lottery bench jmh GemmJmh -p shape=lenet300.fc1 -p op=forward}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-XX:-TieredCompilation"})
public class GemmJmh {
    @Param({"lenet300.fc1", "lenet300.fc2", "lenet300.fc3", "square:1024"})
    public String shape;

    @Param({"forward", "backward-data", "backward-weights"})
    public String op;

    @Param({"60"})
    public int batch;

    @Param({"dense", "openblas", "masked@1.0", "masked@0.1", "masked@0.036", "masked@0.01",
            "sparse@1.0", "sparse@0.1", "sparse@0.036", "sparse@0.01"})
    public String variant;

    @Param({"1"})
    public int threads;

    @Param({"random"})
    public String pattern;

    @Param({"1"})
    public long seed;

    private Operands operands;
    private Task task;

    @Setup(Level.Trial)
    public void setup() {
        Layer layer = ShapeSpec.layer(shape);
        Op o = Op.parse(op);
        int rows = layer.isSquare() ? layer.square() : batch * layer.positions();
        GemmShape s = GemmShape.of(layer.name(), o, layer.out(), layer.in(), rows, layer.isSquare() ? rows : batch);
        String[] v = variant.split("@");
        Impl impl = Impl.parse(v[0]);
        double density = v.length > 1 ? Double.parseDouble(v[1]) : 1.0;
        Threads.set(threads);
        if (impl == Impl.OPENBLAS) OpenBlas.setThreads(threads);
        operands = new Operands(s, null, seed);
        BitMask mask = mask(layer, MaskPattern.parse(pattern), density, seed);
        task = CpuTasks.create(impl, operands, mask);
    }

    @Benchmark
    public void gemm(Blackhole bh) {
        task.run();
        bh.consume(task.probe());
    }

    /** The mask a point measures; the sweep's parent process rebuilds it to report exact density and bytes. */
    public static BitMask mask(Layer layer, MaskPattern pattern, double density, long seed) {
        return pattern.make(layer.out(), layer.in(), density, seed * 1_000_003L + Math.round(density * 1e6));
    }

    @TearDown(Level.Trial)
    public void close() { operands.close(); }
}
