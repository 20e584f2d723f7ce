package lottery.bench;

import lottery.kernels.BitMask;
import lottery.nn.io.DType;
import lottery.nn.io.Safetensors;
import lottery.nn.io.SafetensorsReader;
import lottery.nn.io.TensorInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Magnitude masks of trained networks, read from an experiment store's {@code mask.safetensors} files
 * (BOOL [rows, cols] per prunable layer), as the benchmark pattern "magnitude". Per layer, one mask per
 * distinct density (the first file in path order wins), each layer benchmarked as a linear layer at its densities.
 */
public final class StoreMasks {
    private StoreMasks() {}

    /** layer name -> (density -> mask), densities rounded to 4 decimals. */
    public static Map<String, TreeMap<Double, BitMask>> load(Path store) throws IOException {
        if (!Files.isDirectory(store)) throw new IOException("--store " + store + " is not a directory; give an experiment store (the directory with config.json)");
        List<Path> files;
        try (Stream<Path> s = Files.walk(store)) {
            files = s.filter(p -> p.getFileName().toString().equals("mask.safetensors")).sorted().toList();
        }
        if (files.isEmpty()) throw new IOException("no mask.safetensors under " + store + "; run 'lottery imp' first or point --store at its store");
        Map<String, TreeMap<Double, BitMask>> out = new LinkedHashMap<>();
        for (Path f : files) {
            try (SafetensorsReader r = Safetensors.open(f)) {
                for (TensorInfo t : r.tensors()) {
                    if (t.dtype() != DType.BOOL || t.shape().length != 2) continue;
                    BitMask m = r.mask(t.name());
                    if (m.count() == 0) continue;
                    double d = Math.round(m.density() * 1e4) / 1e4;
                    out.computeIfAbsent(t.name(), x -> new TreeMap<>()).putIfAbsent(d, m);
                }
            }
        }
        return out;
    }

    public static List<KernelBench> benches(Path store, int[] batches, List<Impl> impls, int[] threads, TimingPlan plan, long seed,
                                            KernelBench.TaskFactory factory) {
        Map<String, TreeMap<Double, BitMask>> masks;
        try {
            masks = load(store);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<KernelBench> out = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Double, BitMask>> e : masks.entrySet()) {
            BitMask any = e.getValue().firstEntry().getValue();
            Layer layer = Layer.linear("magnitude:" + e.getKey(), any.rows, any.cols);
            double[] dens = e.getValue().values().stream().mapToDouble(BitMask::density).toArray();
            out.add(new KernelBench(new BenchConfig(List.of(layer), batches, true, impls, dens, threads, List.of(fixed(e.getValue())), plan, seed), factory));
        }
        return out;
    }

    /** The stored mask whose density is closest to the one asked for. */
    static MaskPattern fixed(TreeMap<Double, BitMask> byDensity) {
        return new MaskPattern() {
            @Override public String label() { return "magnitude"; }

            @Override public BitMask make(int rows, int cols, double density, long seed) {
                BitMask best = null;
                for (BitMask m : byDensity.values())
                    if (best == null || Math.abs(m.density() - density) < Math.abs(best.density() - density)) best = m;
                if (best.rows != rows || best.cols != cols)
                    throw new IllegalArgumentException("stored mask is " + best.rows + "x" + best.cols + ", layer is " + rows + "x" + cols);
                return best;
            }
        };
    }
}
