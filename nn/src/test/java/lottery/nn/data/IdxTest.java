package lottery.nn.data;

import lottery.nn.io.Checksums;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class IdxTest {
    @TempDir Path dir;

    private Path write(String name, byte[] b) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, b);
        return p;
    }

    @Test void plainAndGzipRoundTrip() throws IOException {
        byte[] img = Synthetic.idxImages(7, 28, 28, 1);
        byte[] lab = Synthetic.idxLabels(7, 10);
        for (boolean gz : new boolean[] {false, true}) {
            // gzip is detected by its magic bytes: the gzipped file is deliberately named without .gz
            Path pi = write("images" + gz, gz ? Synthetic.gzip(img) : img);
            Path pl = write("labels" + gz, gz ? Synthetic.gzip(lab) : lab);
            Idx.Images images = Idx.readImages(pi, 28, 28);
            assertEquals(7, images.count());
            assertArrayEquals(Arrays.copyOfRange(img, 16, img.length), images.pixels());
            assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, Idx.readLabels(pl, 10));
        }
    }

    private void assertBad(Path p, boolean images, String expected) {
        IOException e = assertThrows(IOException.class, () -> {
            if (images) Idx.readImages(p, 28, 28); else Idx.readLabels(p, 10);
        });
        assertTrue(e.getMessage().contains(p.toString()), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    @Test void badInputsNameTheFile() throws IOException {
        byte[] img = Synthetic.idxImages(3, 28, 28, 2);
        byte[] lab = Synthetic.idxLabels(3, 10);
        assertBad(write("labels-as-images", lab), true, "a label file");
        assertBad(write("images-as-labels", img), false, "an image file");
        assertBad(write("text", "hello world, not idx".getBytes()), true, "not an IDX file");
        assertBad(write("27x28", Synthetic.idxImages(3, 27, 28, 3)), true, "27x28, expected 28x28");
        byte[] zero = ByteBuffer.allocate(16).putInt(Idx.IMAGES_MAGIC).putInt(0).putInt(28).putInt(28).array();
        assertBad(write("zero", zero), true, "zero or negative count");
        assertBad(write("zero-labels", ByteBuffer.allocate(8).putInt(Idx.LABELS_MAGIC).putInt(0).array()), false, "zero");
        assertBad(write("short-images", Arrays.copyOf(img, img.length - 1)), true, "truncated");
        assertBad(write("short-header", Arrays.copyOf(img, 10)), true, "truncated");
        assertBad(write("tiny", new byte[] {0, 0}), true, "truncated");
        assertBad(write("short-labels", Arrays.copyOf(lab, lab.length - 2)), false, "truncated");
        assertBad(write("long-images", Arrays.copyOf(img, img.length + 5)), true, "5 unexpected bytes");
        byte[] badLabel = lab.clone();
        badLabel[9] = 10;
        assertBad(write("label-10", badLabel), false, "label 10 at index 1 is out of range");
        byte[] gz = Synthetic.gzip(img);
        assertBad(write("cut.gz", Arrays.copyOf(gz, gz.length / 2)), true, "truncated gzip");
        byte[] garbled = gz.clone();
        garbled[3] = (byte) 0xff;   // reserved flag bits: not valid gzip
        assertBad(write("garbled.gz", garbled), true, "gzip");
    }

    private IdxSpec spec(byte[] trX, byte[] trY, byte[] teX, byte[] teY) {
        return new IdxSpec("toy", 28, 28, 10,
                new IdxSpec.IdxFile("train-images-idx3-ubyte", Checksums.sha256(trX)),
                new IdxSpec.IdxFile("train-labels-idx1-ubyte", Checksums.sha256(trY)),
                new IdxSpec.IdxFile("t10k-images-idx3-ubyte", Checksums.sha256(teX)),
                new IdxSpec.IdxFile("t10k-labels-idx1-ubyte", Checksums.sha256(teY)));
    }

    @Test void loadsAllNameVariantsAndVerifiesChecksums() throws IOException {
        byte[] trX = Synthetic.idxImages(5, 28, 28, 4), trY = Synthetic.idxLabels(5, 10);
        byte[] teX = Synthetic.idxImages(2, 28, 28, 5), teY = Synthetic.idxLabels(2, 10);
        IdxSpec spec = spec(trX, trY, teX, teY);
        write("train-images-idx3-ubyte.gz", Synthetic.gzip(trX));     // checksum is of the uncompressed bytes
        write("train-labels.idx1-ubyte", trY);
        write("t10k-images.idx3-ubyte.gz", Synthetic.gzip(teX));
        write("t10k-labels-idx1-ubyte", teY);
        IdxData d = IdxData.load(spec, dir, "fix it");
        assertEquals(5, d.trainImages().count());
        assertEquals(2, d.testLabels().length);

        byte[] other = teY.clone();
        other[other.length - 1] = 9;                                                   // different bytes, same format
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), other);
        IOException e = assertThrows(IOException.class, () -> IdxData.load(spec, dir, "run the fetch"));
        assertTrue(e.getMessage().contains(dir.resolve("t10k-labels-idx1-ubyte").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not match") && e.getMessage().contains("delete it and run the fetch"), e.getMessage());
    }

    @Test void labelCountMustMatchImageCount() throws IOException {
        byte[] trX = Synthetic.idxImages(5, 28, 28, 4), trY = Synthetic.idxLabels(4, 10);
        byte[] teX = Synthetic.idxImages(2, 28, 28, 5), teY = Synthetic.idxLabels(2, 10);
        write("train-images-idx3-ubyte", trX);
        write("train-labels-idx1-ubyte", trY);
        write("t10k-images-idx3-ubyte", teX);
        write("t10k-labels-idx1-ubyte", teY);
        IOException e = assertThrows(IOException.class, () -> IdxData.load(spec(trX, trY, teX, teY), dir, ""));
        assertTrue(e.getMessage().contains(dir.resolve("train-labels-idx1-ubyte").toString())
                && e.getMessage().contains("4 labels but") && e.getMessage().contains("5 images"), e.getMessage());
    }

    @Test void missingFileSaysWhatToDo() throws IOException {
        byte[] x = Synthetic.idxImages(1, 28, 28, 1), y = Synthetic.idxLabels(1, 10);
        write("train-images-idx3-ubyte", x);
        write(".train-labels-idx1-ubyte.1234.tmp", y);    // a temp left by a killed write is not data
        IdxSpec spec = spec(x, y, x, y);
        assertEquals(java.util.List.of("train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"), IdxData.missing(spec, dir));
        IOException e = assertThrows(IOException.class, () -> IdxData.load(spec, dir, "run `lottery data fetch mnist`"));
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte") && e.getMessage().contains("lottery data fetch mnist"), e.getMessage());
    }
}
