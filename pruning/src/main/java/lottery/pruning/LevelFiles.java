package lottery.pruning;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The level.json files of a store ({@code <arm>/rep<r>/level<NN>/level.json}), found while other
 * threads or processes write into it. A recursive walk (Files.find) reads the attributes of every
 * entry and fails when a writer renames its temp file in between; this one lists only the
 * store's folders (hidden entries, such as temp files, are skipped unread) and tolerates entries
 * that vanish.
 */
final class LevelFiles {
    private LevelFiles() {}

    static List<Path> levelJsons(Path store) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path arm : dirs(store))
            for (Path rep : dirs(arm))
                for (Path level : dirs(rep)) {
                    Path json = level.resolve("level.json");
                    if (Files.isRegularFile(json)) out.add(json);
                }
        return out;
    }

    private static List<Path> dirs(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries)
                if (!p.getFileName().toString().startsWith(".") && Files.isDirectory(p)) out.add(p);
        } catch (NoSuchFileException | NotDirectoryException gone) {
            // removed meanwhile
        }
        return out;
    }
}
