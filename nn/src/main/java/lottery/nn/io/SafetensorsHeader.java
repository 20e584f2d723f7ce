package lottery.nn.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and validates the header of a safetensors file (see {@link Safetensors} for the layout). */
record SafetensorsHeader(long dataStart, Map<String, TensorInfo> tensors, Map<String, String> metadata) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> FIELDS = Set.of("dtype", "shape", "data_offsets");

    static SafetensorsHeader read(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 8) throw bad(file, "truncated: " + size + " bytes, a safetensors file starts with an 8-byte header length");
        long n = readFully(file, ch, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 2 || n > Safetensors.MAX_HEADER_BYTES)
            throw bad(file, "header length " + n + " is implausible (not a safetensors file?)");
        if (n > size - 8) throw bad(file, "header length " + n + " exceeds the " + (size - 8) + " bytes after it (truncated file)");
        ByteBuffer raw = readFully(file, ch, 8, (int) n);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(raw).toString();
        } catch (CharacterCodingException e) {
            throw bad(file, "header is not valid UTF-8");
        }
        if (!text.startsWith("{")) throw bad(file, "header does not start with '{' (not a safetensors file?)");
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw bad(file, "header is not well-formed JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw bad(file, "header is not a JSON object");
        long bufferSize = size - 8 - n;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<TensorInfo> list = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (e.getKey().equals(Safetensors.METADATA_KEY)) metadata(file, e.getValue(), metadata);
            else list.add(tensor(file, e.getKey(), e.getValue()));
        }
        checkTiling(file, list, bufferSize);
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        for (TensorInfo t : list) tensors.put(t.name(), t);
        return new SafetensorsHeader(8 + n, tensors, metadata);
    }

    private static void metadata(Path file, JsonNode node, Map<String, String> out) throws IOException {
        if (!node.isObject()) throw bad(file, Safetensors.METADATA_KEY + " is not an object of strings");
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isTextual()) throw bad(file, Safetensors.METADATA_KEY + " value for '" + e.getKey() + "' is not a string");
            out.put(e.getKey(), e.getValue().textValue());
        }
    }

    private static TensorInfo tensor(Path file, String name, JsonNode node) throws IOException {
        String where = "tensor '" + name + "'";
        if (!node.isObject()) throw bad(file, where + " is not an object");
        for (Map.Entry<String, JsonNode> p : node.properties()) {
            String f = p.getKey();
            if (!FIELDS.contains(f)) throw bad(file, where + " has unknown field '" + f + "'");
        }
        JsonNode dt = node.get("dtype");
        if (dt == null || !dt.isTextual()) throw bad(file, where + " has no dtype string");
        DType dtype = DType.parse(dt.textValue());
        if (dtype == null) throw bad(file, where + " has dtype " + dt.textValue() + ", supported: F32, I32, I64, U8, BOOL");
        JsonNode sh = node.get("shape");
        if (sh == null || !sh.isArray()) throw bad(file, where + " has no shape array");
        int[] shape = new int[sh.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = sh.get(i);
            if (!d.canConvertToInt() || !d.isIntegralNumber() || d.intValue() < 0)
                throw bad(file, where + " has invalid dimension " + d + " in its shape");
            shape[i] = d.intValue();
        }
        JsonNode off = node.get("data_offsets");
        if (off == null || !off.isArray() || off.size() != 2) throw bad(file, where + " has no data_offsets [begin, end]");
        for (JsonNode o : off)
            if (!o.isIntegralNumber() || !o.canConvertToLong() || o.longValue() < 0)
                throw bad(file, where + " has invalid data offset " + o);
        long begin = off.get(0).longValue(), end = off.get(1).longValue();
        if (end < begin) throw bad(file, where + " has data_offsets [" + begin + ", " + end + "] with end before begin");
        long bytes;
        try {
            bytes = Math.multiplyExact(TensorInfo.elements(shape), (long) dtype.bytes);
        } catch (ArithmeticException e) {
            throw bad(file, where + " has a shape too large to address");
        }
        if (end - begin != bytes)
            throw bad(file, where + " spans " + (end - begin) + " bytes but its shape and dtype need " + bytes);
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    /** Tensors must cover [0, bufferSize) exactly: no overlap, no gap, nothing past the end or after the last. */
    private static void checkTiling(Path file, List<TensorInfo> list, long bufferSize) throws IOException {
        list.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        long at = 0;
        String prev = null;
        for (TensorInfo t : list) {
            if (t.end() > bufferSize)
                throw bad(file, "tensor '" + t.name() + "' ends at byte " + t.end() + " but the data buffer has only " + bufferSize + " bytes (truncated file)");
            if (t.begin() < at) throw bad(file, "tensors '" + prev + "' and '" + t.name() + "' overlap");
            if (t.begin() > at) throw bad(file, "gap of " + (t.begin() - at) + " unreferenced bytes before tensor '" + t.name() + "'");
            at = t.end();
            prev = t.name();
        }
        if (at != bufferSize) throw bad(file, (bufferSize - at) + " trailing bytes after the last tensor");
    }

    private static ByteBuffer readFully(Path file, FileChannel ch, long pos, int n) throws IOException {
        ByteBuffer bb = ByteBuffer.allocate(n);
        while (bb.hasRemaining())
            if (ch.read(bb, pos + bb.position()) < 0) throw bad(file, "truncated while reading the header");
        return bb.flip();
    }

    private static IOException bad(Path file, String what) {
        return new IOException(file + ": corrupt safetensors file: " + what);
    }
}
