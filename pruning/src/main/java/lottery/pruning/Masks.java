package lottery.pruning;

import lottery.kernels.BitMask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pruning state of a network: one bit-packed {@link BitMask} per prunable layer, in the
 * model's parameter order. A layer of shape [out, in] (or [outC, inC, kh, kw]) has a mask of
 * shape [shape[0], product(shape[1..])]; bit 1 = the weight survives. Immutable: pruning returns
 * a new {@code Masks}.
 */
public final class Masks {
    /** One prunable layer: its parameter name, its weight shape and its mask. */
    public record Layer(String name, int[] shape, BitMask mask) {
        public Layer {
            if (shape.length < 2) throw new IllegalArgumentException("prunable layer '" + name + "' must have rank >= 2, got shape " + Arrays.toString(shape));
            int cols = 1;
            for (int k = 1; k < shape.length; k++) cols *= shape[k];
            if (mask.rows != shape[0] || mask.cols != cols)
                throw new IllegalArgumentException("mask of '" + name + "' is " + mask.rows + "x" + mask.cols + ", weight shape " + Arrays.toString(shape) + " needs " + shape[0] + "x" + cols);
            shape = shape.clone();
        }
        /** Number of weights in the layer. */
        public int size() { return Math.toIntExact(mask.size()); }
        /** Weights that survive. */
        public int remaining() { return Math.toIntExact(mask.count()); }
        public double density() { return mask.density(); }
        /** True for a convolution kernel [outC, inC, kh, kw]. */
        public boolean isConv() { return shape.length == 4; }
        @Override public int[] shape() { return shape.clone(); }
    }

    private final List<Layer> layers;
    private final Map<String, Layer> byName = new LinkedHashMap<>();

    public Masks(List<Layer> layers) {
        this.layers = List.copyOf(layers);
        for (Layer l : this.layers)
            if (byName.put(l.name(), l) != null) throw new IllegalArgumentException("duplicate prunable layer '" + l.name() + "'");
    }

    /** Dense masks (every weight kept) for layers with the given names and shapes, in order. */
    public static Masks dense(Map<String, int[]> shapes) {
        List<Layer> ls = new ArrayList<>();
        shapes.forEach((name, shape) -> {
            int cols = 1;
            for (int k = 1; k < shape.length; k++) cols *= shape[k];
            ls.add(new Layer(name, shape, BitMask.ones(shape[0], cols)));
        });
        return new Masks(ls);
    }

    public List<Layer> layers() { return layers; }

    public List<String> names() { return Collections.unmodifiableList(new ArrayList<>(byName.keySet())); }

    public Layer layer(String name) {
        Layer l = byName.get(name);
        if (l == null) throw new IllegalArgumentException("no prunable layer '" + name + "' (have " + byName.keySet() + ")");
        return l;
    }

    public BitMask mask(String name) { return layer(name).mask(); }

    /** A copy with the mask of {@code name} replaced. */
    public Masks with(String name, BitMask mask) {
        List<Layer> ls = new ArrayList<>(layers.size());
        for (Layer l : layers) ls.add(l.name().equals(name) ? new Layer(name, l.shape, mask) : l);
        return new Masks(ls);
    }

    /** Total weights in the prunable layers. */
    public long totalWeights() {
        long n = 0;
        for (Layer l : layers) n += l.size();
        return n;
    }

    /** Surviving weights over all prunable layers. */
    public long weightsRemaining() {
        long n = 0;
        for (Layer l : layers) n += l.remaining();
        return n;
    }

    /** weightsRemaining / totalWeights. */
    public double density() {
        long t = totalWeights();
        return t == 0 ? 0 : (double) weightsRemaining() / t;
    }

    /** Surviving weights per layer, by name, in order. */
    public Map<String, Integer> remainingPerLayer() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (Layer l : layers) m.put(l.name(), l.remaining());
        return m;
    }

    /** Zeroes the pruned weights of every prunable layer present in {@code state}. */
    public void applyTo(Map<String, float[]> state) {
        for (Layer l : layers) {
            float[] w = state.get(l.name());
            if (w != null) l.mask().applyTo(w);
        }
    }

    @Override public boolean equals(Object o) {
        if (!(o instanceof Masks m) || m.layers.size() != layers.size()) return false;
        for (int i = 0; i < layers.size(); i++) {
            Layer a = layers.get(i), b = m.layers.get(i);
            if (!a.name().equals(b.name()) || !Arrays.equals(a.shape, b.shape) || !a.mask().equals(b.mask())) return false;
        }
        return true;
    }

    @Override public int hashCode() {
        int h = 1;
        for (Layer l : layers) h = 31 * h + l.name().hashCode() * 17 + l.mask().hashCode();
        return h;
    }

    @Override public String toString() {
        return "Masks" + remainingPerLayer() + " (" + weightsRemaining() + "/" + totalWeights() + ")";
    }
}
