package lottery.pruning;

import lottery.kernels.BitMask;
import lottery.nn.io.Safetensors;
import lottery.nn.io.SafetensorsReader;
import lottery.nn.io.SafetensorsWriter;
import lottery.nn.io.TensorInfo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weights and masks as safetensors files (atomic writes). A weights file holds every parameter
 * as F32 with its shape, and the network's metadata (its input normalisation) in the header;
 * a mask file holds every prunable layer's mask as BOOL [rows, cols] with
 * the layer's weight shape in the metadata ({@code shape.<name>}).
 */
final class TensorFiles {
    private TensorFiles() {}

    static void writeWeights(Path file, Map<String, float[]> state, Map<String, int[]> shapes) throws IOException {
        writeWeights(file, state, shapes, Map.of());
    }

    /** Writes the weights with {@code metadata} (e.g. the input normalisation) in the file's header. */
    static void writeWeights(Path file, Map<String, float[]> state, Map<String, int[]> shapes, Map<String, String> metadata)
            throws IOException {
        SafetensorsWriter w = Safetensors.writer();
        metadata.forEach(w::metadata);
        for (Map.Entry<String, float[]> e : state.entrySet()) {
            int[] shape = shapes.get(e.getKey());
            if (shape == null) throw new IllegalArgumentException("no shape for parameter '" + e.getKey() + "'");
            w.f32(e.getKey(), e.getValue(), shape);
        }
        w.write(file);
    }

    /** Reads every tensor of a weights file (validated; any defect is an IOException naming the file). */
    static Map<String, float[]> readWeights(Path file) throws IOException {
        try (SafetensorsReader r = Safetensors.open(file)) {
            Map<String, float[]> out = new LinkedHashMap<>();
            for (TensorInfo t : r.tensors()) out.put(t.name(), r.f32(t.name()));
            return out;
        }
    }

    static void writeMasks(Path file, Masks masks) throws IOException {
        SafetensorsWriter w = Safetensors.writer();
        w.metadata("layers", String.join(",", masks.names()));
        for (Masks.Layer l : masks.layers()) {
            w.metadata("shape." + l.name(), Arrays.toString(l.shape()).replaceAll("[\\[\\] ]", ""));
            w.mask(l.name(), l.mask());
        }
        w.write(file);
    }

    static Masks readMasks(Path file) throws IOException {
        try (SafetensorsReader r = Safetensors.open(file)) {
            String layers = r.metadata().get("layers");
            if (layers == null) throw new IOException(file + " is not a mask file (no 'layers' metadata)");
            List<Masks.Layer> out = new ArrayList<>();
            for (String name : layers.split(",")) {
                String shape = r.metadata().get("shape." + name);
                if (shape == null) throw new IOException(file + " has no shape for mask '" + name + "'");
                BitMask m = r.mask(name);
                try {
                    out.add(new Masks.Layer(name, Arrays.stream(shape.split(",")).mapToInt(Integer::parseInt).toArray(), m));
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ": " + e.getMessage(), e);
                }
            }
            return new Masks(out);
        }
    }
}
