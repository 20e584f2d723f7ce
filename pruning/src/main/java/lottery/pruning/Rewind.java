package lottery.pruning;

/**
 * Where the survivors of a pruning round restart from: {@code init} (θ0, the weights before any
 * training: the lottery ticket), {@code <k>it} / {@code <k>ep} (θk, the weights after k
 * iterations or epochs of the dense level-0 training: late rewinding), or {@code none} (keep the
 * trained weights: fine-tuning).
 */
public record Rewind(Kind kind, int amount, boolean inEpochs) {
    public enum Kind { INIT, STEP, NONE }

    public static final Rewind INIT = new Rewind(Kind.INIT, 0, false);
    public static final Rewind NONE = new Rewind(Kind.NONE, 0, false);

    public Rewind {
        if (kind == Kind.STEP && amount < 1) throw new IllegalArgumentException("rewind step must be >= 1, got " + amount);
    }

    /** Parses {@code init}, {@code none}, {@code 500it} or {@code 2ep}. */
    public static Rewind parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("init")) return INIT;
        if (t.equals("none")) return NONE;
        boolean it = t.endsWith("it"), ep = t.endsWith("ep");
        if (it || ep) {
            try {
                int k = Integer.parseInt(t.substring(0, t.length() - 2));
                if (k >= 1) return new Rewind(Kind.STEP, k, ep);
            } catch (NumberFormatException ignored) {
                // falls through to the error below
            }
        }
        throw new IllegalArgumentException("--rewind must be init, none, <k>it or <k>ep with k >= 1 (e.g. 500it, 2ep), got '" + text + "'");
    }

    /** The training iteration θk is taken after, or -1 when this rewind needs no θk. */
    public int iteration(int iterationsPerEpoch) {
        if (kind != Kind.STEP) return -1;
        return Math.multiplyExact(amount, inEpochs ? iterationsPerEpoch : 1);
    }

    @Override public String toString() {
        return switch (kind) {
            case INIT -> "init";
            case NONE -> "none";
            case STEP -> amount + (inEpochs ? "ep" : "it");
        };
    }
}
