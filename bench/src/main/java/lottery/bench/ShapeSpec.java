package lottery.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses shape specs: a named model ({@code lenet300, conv2, conv4, conv6, vgg, resnet}),
 * {@code square:N} (or {@code squares} for 256, 512, 1024), or {@code linear:OUTxIN}.
 * Conv layers are CIFAR-10 sized (32×32 input) and lowered to GEMM by im2col.
 */
public final class ShapeSpec {
    private ShapeSpec() {}

    static final String HELP = "use lenet300, conv2, conv4, conv6, vgg, resnet, squares, square:N or linear:OUTxIN";

    private static final Map<String, List<Layer>> NAMED = new LinkedHashMap<>();
    static {
        NAMED.put("lenet300", List.of(Layer.linear("lenet300.fc1", 300, 784), Layer.linear("lenet300.fc2", 100, 300),
                Layer.linear("lenet300.fc3", 10, 100)));
        List<Layer> conv2 = List.of(Layer.conv("conv.64x3@32", 64, 3, 3, 32), Layer.conv("conv.64x64@32", 64, 64, 3, 32));
        List<Layer> conv4 = new ArrayList<>(conv2);
        conv4.addAll(List.of(Layer.conv("conv.128x64@16", 128, 64, 3, 16), Layer.conv("conv.128x128@16", 128, 128, 3, 16)));
        List<Layer> conv6 = new ArrayList<>(conv4);
        conv6.addAll(List.of(Layer.conv("conv.256x128@8", 256, 128, 3, 8), Layer.conv("conv.256x256@8", 256, 256, 3, 8)));
        NAMED.put("conv2", conv2);
        NAMED.put("conv4", List.copyOf(conv4));
        NAMED.put("conv6", List.copyOf(conv6));
        NAMED.put("vgg", List.of(Layer.conv("vgg.128x128@16", 128, 128, 3, 16), Layer.conv("vgg.256x256@8", 256, 256, 3, 8),
                Layer.conv("vgg.512x512@4", 512, 512, 3, 4), Layer.conv("vgg.512x512@2", 512, 512, 3, 2)));
        NAMED.put("resnet", List.of(Layer.conv("resnet.64x64@32", 64, 64, 3, 32), Layer.conv("resnet.128x128@16", 128, 128, 3, 16),
                Layer.conv("resnet.256x256@8", 256, 256, 3, 8), Layer.conv("resnet.512x512@4", 512, 512, 3, 4)));
        NAMED.put("squares", List.of(Layer.square(256), Layer.square(512), Layer.square(1024)));
    }

    /** Parses a comma-separated list of specs; layers named twice (conv2 ⊂ conv4) appear once. */
    public static List<Layer> parseList(String specs) {
        Map<String, Layer> out = new LinkedHashMap<>();
        for (String s : specs.split(",")) for (Layer l : parse(s)) out.putIfAbsent(l.name(), l);
        if (out.isEmpty()) throw new IllegalArgumentException("no shapes given; " + HELP);
        return List.copyOf(out.values());
    }

    public static List<Layer> parse(String spec) {
        String s = spec.trim().toLowerCase();
        List<Layer> named = NAMED.get(s);
        if (named != null) return named;
        if (s.startsWith("square:")) return List.of(Layer.square(positive(s.substring(7), spec)));
        if (s.startsWith("linear:")) {
            String[] p = s.substring(7).split("x");
            if (p.length != 2) throw bad(spec);
            int out = positive(p[0], spec), in = positive(p[1], spec);
            return List.of(Layer.linear("linear" + out + "x" + in, out, in));
        }
        throw bad(spec);
    }

    /** One layer: a single-layer spec ("square:1024", "linear:300x784") or a layer of a named model ("lenet300.fc1"). */
    public static Layer layer(String spec) {
        String s = spec.trim().toLowerCase();
        for (List<Layer> layers : NAMED.values()) for (Layer l : layers) if (l.name().equals(s)) return l;
        List<Layer> parsed = parse(spec);
        if (parsed.size() != 1) throw new IllegalArgumentException("shape spec '" + spec + "' names " + parsed.size() + " layers; give one, e.g. lenet300.fc1");
        return parsed.get(0);
    }

    /** The spec {@link #layer} parses back to {@code l}: its model-qualified name, {@code square:N} or {@code linear:OUTxIN}. */
    public static String spec(Layer l) {
        if (l.isSquare()) return "square:" + l.square();
        for (List<Layer> layers : NAMED.values()) if (layers.contains(l)) return l.name();
        if (l.positions() == 1) return "linear:" + l.out() + "x" + l.in();
        throw new IllegalArgumentException("layer '" + l.name() + "' has no shape spec; " + HELP);
    }

    private static int positive(String v, String spec) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1 && n <= 1 << 16) return n;
        } catch (NumberFormatException ignored) {
            // falls through to the error below
        }
        throw new IllegalArgumentException("shape spec '" + spec + "': size '" + v + "' must be an integer in 1..65536; " + HELP);
    }

    private static IllegalArgumentException bad(String spec) {
        return new IllegalArgumentException("unknown shape spec '" + spec + "'; " + HELP);
    }
}
