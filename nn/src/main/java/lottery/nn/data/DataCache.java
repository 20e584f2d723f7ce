package lottery.nn.data;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where fetched datasets live: the system property {@code lottery.cache} (tests), else
 * $LOTTERY_CACHE, else ~/.cache/lottery; one folder per dataset.
 */
public final class DataCache {
    /** Environment variable that overrides the cache root. */
    public static final String ENV = "LOTTERY_CACHE";

    private DataCache() {}

    /** System property that overrides the cache root (takes precedence over the environment). */
    public static final String PROPERTY = "lottery.cache";

    public static Path root() {
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) return Path.of(p).toAbsolutePath();
        return root(System.getenv(), System.getProperty("user.home"));
    }

    static Path root(Map<String, String> env, String userHome) {
        String v = env.get(ENV);
        if (v != null && !v.isBlank()) return Path.of(v).toAbsolutePath();
        return Path.of(userHome, ".cache", "lottery");
    }

    /** The folder of {@code dataset} (e.g. ~/.cache/lottery/mnist). */
    public static Path dir(String dataset) { return root().resolve(dataset); }
}
