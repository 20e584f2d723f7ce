package lottery.nn.data;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TarReaderTest {
    private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private static List<String> readAll(byte[] tar, List<byte[]> contents) throws IOException {
        TarReader r = new TarReader(new ByteArrayInputStream(tar), "test.tar");
        List<String> names = new ArrayList<>();
        for (TarReader.Entry e; (e = r.next()) != null; ) {
            names.add(e.type() + ":" + e.name());
            if (e.isFile() && e.name().endsWith("keep")) contents.add(r.readContent());  // others are skipped unread
        }
        return names;
    }

    @Test void readsUstarGnuAndPaxNames() throws IOException {
        String deep = "package/" + "d".repeat(60) + "/" + "e".repeat(60) + "/keep";     // > 100 bytes: ustar prefix
        String gnu = "package/" + "g".repeat(120) + "/keep";
        String pax = "package/" + "p".repeat(150) + "/keep";
        byte[] big = new byte[1500];
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 7);
        byte[] tar = new Synthetic.Tar()
                .dir("package/")
                .file("package/skip-me", new byte[777])
                .file("package/keep", bytes("hello"))
                .file(deep, big)
                .gnuLongName(gnu, bytes("gnu"))
                .paxPath(pax, bytes("pax content"))
                .file("package/empty-keep", new byte[0])
                .bytes();
        List<byte[]> contents = new ArrayList<>();
        List<String> names = readAll(tar, contents);
        assertEquals(List.of("5:package/", "0:package/skip-me", "0:package/keep", "0:" + deep, "0:" + gnu, "0:" + pax,
                "0:package/empty-keep"), names);
        assertArrayEquals(bytes("hello"), contents.get(0));
        assertArrayEquals(big, contents.get(1));
        assertArrayEquals(bytes("gnu"), contents.get(2));
        assertArrayEquals(bytes("pax content"), contents.get(3));
        assertEquals(0, contents.get(4).length);
    }

    @Test void endOfStreamWithoutMarkerIsAccepted() throws IOException {
        byte[] tar = new Synthetic.Tar().file("a/keep", bytes("x")).bytes();
        byte[] noMarker = Arrays.copyOf(tar, tar.length - 1024);
        assertEquals(List.of("0:a/keep"), readAll(noMarker, new ArrayList<>()));
    }

    @Test void truncatedArchiveIsAnError() {
        byte[] tar = new Synthetic.Tar().file("a/keep", new byte[2000]).bytes();
        byte[] cut = Arrays.copyOf(tar, 512 + 1000);
        IOException e = assertThrows(IOException.class, () -> readAll(cut, new ArrayList<>()));
        assertTrue(e.getMessage().contains("test.tar") && e.getMessage().contains("truncated"), e.getMessage());
        byte[] cutHeader = Arrays.copyOf(tar, 300);
        assertThrows(IOException.class, () -> readAll(cutHeader, new ArrayList<>()));
    }

    @Test void corruptHeaderChecksumIsAnError() {
        byte[] tar = new Synthetic.Tar().file("a/keep", bytes("x")).bytes();
        tar[5] ^= 1;
        IOException e = assertThrows(IOException.class, () -> readAll(tar, new ArrayList<>()));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }
}
