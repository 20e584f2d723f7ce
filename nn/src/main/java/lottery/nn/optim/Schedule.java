package lottery.nn.optim;

/**
 * Learning-rate schedule: the rate at iteration {@code it} (0-based) from the base rate.
 * constant; step (multiply by {@code gamma} every {@code every} iterations); warmup (linear from
 * base/steps up to base over the first {@code steps} iterations, then constant).
 */
public record Schedule(String kind, int every, double gamma) {
    public Schedule {
        switch (kind) {
            case "constant" -> {}
            case "step" -> {
                if (every < 1 || !(gamma > 0)) throw new IllegalArgumentException("step schedule needs every >= 1 and gamma > 0, got " + every + ", " + gamma);
            }
            case "warmup" -> { if (every < 1) throw new IllegalArgumentException("warmup schedule needs steps >= 1, got " + every); }
            default -> throw new IllegalArgumentException("unknown schedule '" + kind + "' (use constant, step:EVERY:GAMMA or warmup:STEPS)");
        }
    }

    public static Schedule constant() { return new Schedule("constant", 0, 1); }

    public static Schedule step(int every, double gamma) { return new Schedule("step", every, gamma); }

    public static Schedule warmup(int steps) { return new Schedule("warmup", steps, 1); }

    /** Parses "constant", "step:EVERY:GAMMA" or "warmup:STEPS". */
    public static Schedule parse(String s) {
        String[] f = s.trim().split(":");
        try {
            return switch (f[0]) {
                case "constant" -> constant();
                case "step" -> step(Integer.parseInt(f[1]), Double.parseDouble(f[2]));
                case "warmup" -> warmup(Integer.parseInt(f[1]));
                default -> throw new IllegalArgumentException("unknown schedule '" + s + "' (use constant, step:EVERY:GAMMA or warmup:STEPS)");
            };
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalArgumentException("bad schedule '" + s + "' (use constant, step:EVERY:GAMMA or warmup:STEPS)");
        }
    }

    public double rate(double base, int it) {
        return switch (kind) {
            case "step" -> base * Math.pow(gamma, it / every);
            case "warmup" -> it < every ? base * (it + 1) / every : base;
            default -> base;
        };
    }

    @Override public String toString() {
        return switch (kind) {
            case "step" -> "step:" + every + ":" + gamma;
            case "warmup" -> "warmup:" + every;
            default -> "constant";
        };
    }
}
