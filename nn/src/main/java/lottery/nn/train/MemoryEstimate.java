package lottery.nn.train;

import lottery.engine.NoGrad;
import lottery.engine.Tensor;
import lottery.nn.Conv2d;
import lottery.nn.Linear;
import lottery.nn.Module;
import lottery.nn.Sequential;

import java.util.List;
import java.util.Locale;

/**
 * The memory that training a model at a batch size needs at least, known before any batch-sized
 * buffer exists, so that a hopeless setting is refused in one line instead of dying in an
 * OutOfMemoryError or an integer overflow halfway through. A forward pass of one sample measures
 * every layer's output; a training step keeps every output for the whole batch (the module
 * workspaces hold them from step to step), and the model its weights and gradients. Gradients of
 * the activations, evaluation buffers, optimizer state and the data come on top, so a setting
 * refused here could never have run, and one accepted may still run out (that is caught at the top
 * with one line).
 */
public record MemoryEstimate(String model, long floatsPerSample, String largestLayer, long largestPerSample, long parameters) {
    /** Elements a Java array can hold (the JVM reserves a few of the int range). */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** Parameter-sized arrays counted: values and gradients. */
    static final int PARAMETER_COPIES = 2;

    /** Measures {@code model} ({@code name} in messages) on one sample of {@code sampleShape} ([C, H, W]). */
    public static MemoryEstimate of(String name, Module model, int[] sampleShape) {
        int features = 1;
        for (int d : sampleShape) features = Math.multiplyExact(features, d);
        List<Module> layers = model instanceof Sequential s ? s.layers() : List.of(model);
        long total = features;
        String largest = "input";
        long largestSize = features;
        boolean training = model.isTraining();
        model.eval();
        try (NoGrad g = NoGrad.enter()) {
            Tensor x = Tensor.of(new float[features], 1, features);
            String previous = "input";
            for (Module m : layers) {
                Tensor in = x;
                x = m.forward(x);
                if (x == in) continue;                        // a view or no-op (Flatten of a flat input, eval-mode dropout)
                String label = label(m, previous);
                long n = x.numel();
                total += n;
                if (n > largestSize) { largestSize = n; largest = label; }
                previous = label;
            }
        } finally {
            if (training) model.train();
        }
        return new MemoryEstimate(name, total, largest, largestSize, model.parameterCount());
    }

    private static String label(Module m, String previous) {
        if (m instanceof Linear l) return l.name();
        if (m instanceof Conv2d c) return c.weight().name().replaceFirst("\\.weight$", "");
        return m.getClass().getSimpleName() + " after " + previous.replaceFirst(" after .*", "");
    }

    /** Bytes that a training step at {@code batch} needs at least. */
    public long bytes(int batch) {
        return 4 * ((long) batch * floatsPerSample + PARAMETER_COPIES * parameters);
    }

    /** The largest batch whose buffers fit in a Java array and whose estimate fits in {@code available} bytes. */
    public int largestBatch(long available) {
        long byArray = MAX_ARRAY / largestPerSample;
        long byMemory = (available / 4 - PARAMETER_COPIES * parameters) / floatsPerSample;
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, Math.min(byArray, byMemory)));
    }

    /** {@link #check(int, long)} against the heap this JVM can still allocate (after a collection, when it matters). */
    public void check(int batch) {
        long available = availableHeap();
        if (bytes(batch) > available) {
            System.gc();
            available = availableHeap();
        }
        check(batch, available);
    }

    /**
     * An IllegalArgumentException, in one line naming the value and the limit, when {@code batch}
     * cannot work: a layer's output would not fit in a Java array, or the estimate exceeds
     * {@code available} bytes.
     */
    public void check(int batch, long available) {
        long elements = largestPerSample * batch;
        if (elements > MAX_ARRAY)
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--batch %d is too large for %s: the output of %s (%,d floats per sample) would need %,d floats, more than the %,d "
                            + "a Java array holds; use --batch %d or less",
                    batch, model, largestLayer, largestPerSample, elements, MAX_ARRAY, MAX_ARRAY / largestPerSample));
        long need = bytes(batch);
        if (need > available) {
            int fits = largestBatch(available);
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--batch %d needs at least %s for %s (%,d floats of layer outputs per sample), more than the %s this JVM has free; "
                            + "use %s, or give the JVM more memory with LOTTERY_JAVA_OPTS=-Xmx<size>", batch, gib(need), model,
                    floatsPerSample, gib(available), fits > 0 ? "a smaller --batch (at most " + fits + ")" : "a smaller model"));
        }
    }

    /** The heap this JVM can still allocate: its maximum less what is in use now. */
    public static long availableHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /** Bytes in GiB, or MiB below 1 GiB. */
    public static String gib(long bytes) {
        if (bytes < 1L << 30) return String.format(Locale.ROOT, "%d MiB", bytes >> 20);
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}
