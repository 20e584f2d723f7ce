package lottery.nn;

import lottery.kernels.BitMask;
import lottery.nn.io.Safetensors;
import lottery.nn.io.SafetensorsReader;
import lottery.nn.io.SafetensorsWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * A module's parameters and masks as one safetensors file (written atomically): each parameter as
 * F32 under its name and shape, each mask as BOOL [rows, cols] under "&lt;param&gt;.mask".
 */
public final class Checkpoint {
    public static final String MASK_SUFFIX = ".mask";

    private Checkpoint() {}

    public static void save(Module model, Path file, Map<String, String> metadata) throws IOException {
        SafetensorsWriter w = Safetensors.writer();
        if (metadata != null) metadata.forEach(w::metadata);
        for (Parameter p : model.parameters()) {
            w.f32(p.name(), p.data(), p.shape());
            if (p.mask() != null) w.mask(p.name() + MASK_SUFFIX, p.mask());
        }
        w.write(file);
    }

    /**
     * Loads values and masks into {@code model}: every parameter must be present with its shape;
     * a parameter without a stored mask becomes dense.
     */
    public static void load(Module model, Path file) throws IOException {
        try (SafetensorsReader r = Safetensors.open(file)) {
            for (Parameter p : model.parameters()) {
                if (!r.contains(p.name())) throw new IOException(file + ": no tensor '" + p.name() + "' (checkpoint of another model?)");
                int[] shape = r.info(p.name()).shape();
                if (!Arrays.equals(shape, p.shape()))
                    throw new IOException(file + ": '" + p.name() + "' has shape " + Arrays.toString(shape) + ", the model needs " + Arrays.toString(p.shape()));
            }
            for (Parameter p : model.parameters()) {
                float[] v = r.f32(p.name());
                System.arraycopy(v, 0, p.data(), 0, p.size());
                String maskName = p.name() + MASK_SUFFIX;
                BitMask mask = r.contains(maskName) ? r.mask(maskName) : null;
                p.setMask(mask);
            }
        }
    }
}
