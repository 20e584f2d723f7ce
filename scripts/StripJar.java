import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Copies a jar without the entries under the given path prefixes:
 *   java scripts/StripJar.java IN.jar OUT.jar PREFIX...
 * scripts/gpu-run.sh uses it to drop the benchmark-only OpenBLAS natives from the GPU carry's jar.
 * Prints the entries and bytes kept and dropped.
 */
public class StripJar {
    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: java StripJar.java IN.jar OUT.jar PREFIX...");
            System.exit(2);
        }
        List<String> drop = Arrays.asList(args).subList(2, args.length);
        Path out = Path.of(args[1]), tmp = Path.of(args[1] + ".tmp");
        long kept = 0, dropped = 0, keptBytes = 0, droppedBytes = 0;
        byte[] buf = new byte[1 << 16];
        try (ZipFile in = new ZipFile(args[0]); OutputStream os = Files.newOutputStream(tmp);
             ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (drop.stream().anyMatch(entry.getName()::startsWith)) {
                    dropped++;
                    droppedBytes += Math.max(0, entry.getSize());
                    continue;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                zip.putNextEntry(copy);
                try (InputStream is = in.getInputStream(entry)) {
                    for (int n; (n = is.read(buf)) > 0; ) zip.write(buf, 0, n);
                }
                zip.closeEntry();
                kept++;
                keptBytes += Math.max(0, entry.getSize());
            }
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("%s: kept %d entries (%.1f MB), dropped %d (%.1f MB) under %s%n", out.getFileName(), kept, keptBytes / 1e6,
                dropped, droppedBytes / 1e6, drop);
    }
}
