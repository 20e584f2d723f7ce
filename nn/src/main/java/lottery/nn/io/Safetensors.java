package lottery.nn.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The safetensors checkpoint format (readable by PyTorch and numpy): an 8-byte little-endian
 * header length N, N bytes of UTF-8 JSON
 * {@code {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, ...,
 * "__metadata__": {string: string}}}, then the data buffer (offsets relative to its start,
 * little-endian elements, tensors tiling the buffer with no gaps and no trailing bytes).
 */
public final class Safetensors {
    /** Header key of the free-form string-to-string metadata. */
    public static final String METADATA_KEY = "__metadata__";
    /** Largest header accepted (the reference implementation uses the same bound). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    /** The header is padded with spaces so the data buffer starts on this alignment. */
    public static final int ALIGNMENT = 8;

    private Safetensors() {}

    /** A writer to add tensors and metadata to, then {@link SafetensorsWriter#write(Path)}. */
    public static SafetensorsWriter writer() { return new SafetensorsWriter(); }

    /** Opens and fully validates {@code file}; see {@link SafetensorsReader#open(Path)}. */
    public static SafetensorsReader open(Path file) throws IOException { return SafetensorsReader.open(file); }
}
