package lottery.nn.data;

import lottery.nn.io.AtomicFiles;
import lottery.nn.io.Checksums;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The four verified files of an {@link IdxSpec} dataset, read from one directory. A file may be
 * plain or gzipped and named in the standard way ({@code train-images-idx3-ubyte}) or with a dot
 * ({@code train-images.idx3-ubyte}), each optionally ending in {@code .gz}.
 */
public record IdxData(IdxSpec spec, Idx.Images trainImages, int[] trainLabels, Idx.Images testImages, int[] testLabels) {

    /** The file in {@code dir} holding {@code standardName} under any accepted spelling, or null. */
    public static Path find(Path dir, String standardName) {
        for (String name : spellings(standardName)) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p) && !AtomicFiles.isTempName(name)) return p;
        }
        return null;
    }

    static List<String> spellings(String standardName) {
        List<String> names = new ArrayList<>();
        String dotted = standardName.replace("-idx", ".idx");
        for (String n : List.of(standardName, dotted)) { names.add(n); names.add(n + ".gz"); }
        return names;
    }

    /** Standard names of the files of {@code spec} that {@code dir} lacks. */
    public static List<String> missing(IdxSpec spec, Path dir) {
        List<String> out = new ArrayList<>();
        for (IdxSpec.IdxFile f : spec.files()) if (find(dir, f.name()) == null) out.add(f.name());
        return out;
    }

    /**
     * Reads, checksums and parses the four files in {@code dir}. {@code remedy} finishes the error
     * message for a missing or damaged file (what the user should do).
     */
    public static IdxData load(IdxSpec spec, Path dir, String remedy) throws IOException {
        Path trainXFile = path(spec, spec.trainImages(), dir, remedy), trainYFile = path(spec, spec.trainLabels(), dir, remedy);
        Path testXFile = path(spec, spec.testImages(), dir, remedy), testYFile = path(spec, spec.testLabels(), dir, remedy);
        Idx.Images trainX = Idx.parseImages(trainXFile, verified(spec, spec.trainImages(), trainXFile, remedy), spec.rows(), spec.cols());
        int[] trainY = Idx.parseLabels(trainYFile, verified(spec, spec.trainLabels(), trainYFile, remedy), spec.classes());
        Idx.Images testX = Idx.parseImages(testXFile, verified(spec, spec.testImages(), testXFile, remedy), spec.rows(), spec.cols());
        int[] testY = Idx.parseLabels(testYFile, verified(spec, spec.testLabels(), testYFile, remedy), spec.classes());
        sameCount(trainXFile, trainX.count(), trainYFile, trainY.length);
        sameCount(testXFile, testX.count(), testYFile, testY.length);
        return new IdxData(spec, trainX, trainY, testX, testY);
    }

    /** The uncompressed bytes of {@code p} (holding {@code f}), after checking their SHA-256. */
    public static byte[] verified(IdxSpec spec, IdxSpec.IdxFile f, Path p, String remedy) throws IOException {
        byte[] b = Idx.readBytes(p);
        String sha = Checksums.sha256(b);
        if (!sha.equals(f.sha256()))
            throw new IOException(p + ": sha256 " + sha + " does not match the known " + spec.name() + " " + f.name()
                    + " (" + f.sha256() + "); the file is damaged or another version: delete it and " + remedy);
        return b;
    }

    static void sameCount(Path images, int n, Path labels, int m) throws IOException {
        if (n != m) throw new IOException(labels + ": " + m + " labels but " + images + " has " + n + " images; the files do not belong together");
    }

    /** Where {@code f} is in {@code dir}; an IOException saying what to do when it is absent. */
    public static Path path(IdxSpec spec, IdxSpec.IdxFile f, Path dir, String remedy) throws IOException {
        Path p = find(dir, f.name());
        if (p == null)
            throw new IOException(dir.resolve(f.name()) + ": " + spec.name() + " file missing (also looked for "
                    + String.join(", ", spellings(f.name()).subList(1, 4)) + "); " + remedy);
        return p;
    }
}
