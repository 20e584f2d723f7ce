package lottery.nn.models;

import lottery.nn.Conv2d;
import lottery.nn.Flatten;
import lottery.nn.Init;
import lottery.nn.Linear;
import lottery.nn.MaxPool2d;
import lottery.nn.Module;
import lottery.nn.ReLU;
import lottery.nn.Reshape;
import lottery.nn.Sequential;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The networks of the lottery-ticket experiments, built for an input shape [C, H, W] and a class count.
 * All weights use Gaussian Glorot init from per-layer streams of {@code seed}; biases start at 0.
 * Inputs may be flat [batch, C·H·W] or [batch, C, H, W].
 */
public final class Models {
    public static final List<String> NAMES = List.of("lenet300", "lenet5", "conv2", "conv4", "conv6");

    private Models() {}

    public static Module create(String name, int[] inputShape, int classes, long seed) {
        if (inputShape == null || inputShape.length != 3 || Arrays.stream(inputShape).anyMatch(d -> d < 1))
            throw new IllegalArgumentException("model input shape must be [C, H, W] with positive sizes, got " + Arrays.toString(inputShape));
        if (classes < 2) throw new IllegalArgumentException("need at least 2 classes, got " + classes);
        return switch (name) {
            case "lenet300" -> lenet300(inputShape, classes, seed);
            case "lenet5" -> lenet5(inputShape, classes, seed);
            case "conv2" -> convN(1, inputShape, classes, seed);
            case "conv4" -> convN(2, inputShape, classes, seed);
            case "conv6" -> convN(3, inputShape, classes, seed);
            default -> throw new IllegalArgumentException("unknown model '" + name + "' (choose one of " + String.join(", ", NAMES) + ")");
        };
    }

    /** 784-300-100-10 with ReLU (for MNIST). */
    static Module lenet300(int[] in, int classes, long seed) {
        int features = in[0] * in[1] * in[2];
        return new Sequential(new Flatten(),
                new Linear("fc1", features, 300, Init.GLOROT_NORMAL, seed), new ReLU(),
                new Linear("fc2", 300, 100, Init.GLOROT_NORMAL, seed), new ReLU(),
                new Linear("fc3", 100, classes, Init.GLOROT_NORMAL, seed));
    }

    /** conv 6@5×5 pad 2, max-pool 2, conv 16@5×5, max-pool 2, FC 120, 84, classes. */
    static Module lenet5(int[] in, int classes, long seed) {
        // pad-2 conv keeps the size, pool halves, the 5×5 conv takes 4, pool halves again
        int h = (in[1] / 2 - 4) / 2, w = (in[2] / 2 - 4) / 2;
        if (h < 1 || w < 1) throw new IllegalArgumentException("lenet5 needs inputs of at least 12×12, got " + Arrays.toString(in));
        return new Sequential(new Reshape(in),
                new Conv2d("conv1", in[0], 6, 5, 1, 2, Init.GLOROT_NORMAL, seed), new ReLU(), new MaxPool2d(2, 2),
                new Conv2d("conv2", 6, 16, 5, 1, 0, Init.GLOROT_NORMAL, seed), new ReLU(), new MaxPool2d(2, 2),
                new Flatten(),
                new Linear("fc1", 16 * h * w, 120, Init.GLOROT_NORMAL, seed), new ReLU(),
                new Linear("fc2", 120, 84, Init.GLOROT_NORMAL, seed), new ReLU(),
                new Linear("fc3", 84, classes, Init.GLOROT_NORMAL, seed));
    }

    /** Conv-2/4/6: {@code pairs} blocks of two 3×3 convs (64, 128, 256 channels) then max-pool 2, then FC 256-256-classes. */
    static Module convN(int pairs, int[] in, int classes, long seed) {
        List<Module> layers = new ArrayList<>();
        layers.add(new Reshape(in));
        int c = in[0], h = in[1], w = in[2], conv = 0;
        for (int p = 0; p < pairs; p++) {
            int width = 64 << p;
            for (int r = 0; r < 2; r++) {
                layers.add(new Conv2d("conv" + (++conv), c, width, 3, 1, 1, Init.GLOROT_NORMAL, seed));
                layers.add(new ReLU());
                c = width;
            }
            layers.add(new MaxPool2d(2, 2));
            h /= 2; w /= 2;
            if (h < 1 || w < 1) throw new IllegalArgumentException("conv" + 2 * pairs + " needs larger inputs than " + Arrays.toString(in));
        }
        layers.add(new Flatten());
        layers.add(new Linear("fc1", c * h * w, 256, Init.GLOROT_NORMAL, seed));
        layers.add(new ReLU());
        layers.add(new Linear("fc2", 256, 256, Init.GLOROT_NORMAL, seed));
        layers.add(new ReLU());
        layers.add(new Linear("fc3", 256, classes, Init.GLOROT_NORMAL, seed));
        return new Sequential(layers.toArray(Module[]::new));
    }
}
