package dev.rosenblatt.nn.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.F32Vector;
import dev.rosenblatt.kernels.memory.F64Matrix;
import dev.rosenblatt.kernels.memory.F64Vector;

import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An open safetensors file whose header has been checked: every tensor's dtype is one we know, its shape times
 * its element size equals its byte range, the ranges lie inside the data section and do not overlap. So a
 * truncated or corrupt file fails at {@link #open(Path)} with a {@link FileFormatException} that says what is
 * wrong, before any tensor is read. Tensors are read on demand; close the file when done.
 */
public final class SafetensorsFile implements AutoCloseable {

    /** Headers larger than this are refused as corrupt (the Python reader uses the same limit). */
    static final long MAX_HEADER_BYTES = 100L << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, String> metadata;
    private final Map<String, TensorInfo> tensors;

    private SafetensorsFile(Path file, FileChannel channel, long dataStart, Map<String, String> metadata,
                            Map<String, TensorInfo> tensors) {
        this.file = file;
        this.channel = channel;
        this.dataStart = dataStart;
        this.metadata = metadata;
        this.tensors = tensors;
    }

    /** Opens and checks {@code file}; throws {@link FileFormatException} when it is not a valid safetensors file. */
    public static SafetensorsFile open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return read(file, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static SafetensorsFile read(Path file, FileChannel channel) throws IOException {
        long fileSize = channel.size();
        if (fileSize < Long.BYTES) {
            throw new FileFormatException(file, "byte offset 0", "the file has " + fileSize
                    + " bytes, too short for the 8-byte header length; not a safetensors file");
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        readFully(file, channel, lengthBytes, 0);
        long headerLength = lengthBytes.getLong(0);
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > fileSize - Long.BYTES) {
            throw new FileFormatException(file, "byte offset 0", "header length " + Long.toUnsignedString(headerLength)
                    + " is impossible for a file of " + fileSize + " bytes (at most " + (fileSize - Long.BYTES)
                    + " and " + MAX_HEADER_BYTES + "); the file is truncated or not a safetensors file");
        }
        ByteBuffer header = ByteBuffer.allocate((int) headerLength);
        readFully(file, channel, header, Long.BYTES);
        if (header.get(0) != '{') {
            throw new FileFormatException(file, "byte offset 8", "the header does not start with '{'; not a"
                    + " safetensors file");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(header.array());
        } catch (JacksonException e) {
            throw new FileFormatException(file, "header (byte offset 8)", "the JSON is invalid: "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new FileFormatException(file, "header", "the JSON is not an object");
        }
        long dataStart = Long.BYTES + headerLength;
        long dataSize = fileSize - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<TensorInfo> infos = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (field.getKey().equals(SafetensorsWriter.METADATA_KEY)) {
                readMetadata(file, field.getValue(), metadata);
            } else {
                infos.add(readTensor(file, field.getKey(), field.getValue(), dataSize));
            }
        }
        infos.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        TensorInfo previous = null;
        for (TensorInfo info : infos) {
            // Empty tensors occupy no bytes and can sit anywhere; the others must not share a byte.
            if (previous != null && info.byteSize() > 0 && info.begin() < previous.end()) {
                throw new FileFormatException(file, "header", "tensors " + previous.name() + " (bytes ["
                        + previous.begin() + ", " + previous.end() + ")) and " + info.name() + " (bytes ["
                        + info.begin() + ", " + info.end() + ")) overlap");
            }
            if (info.byteSize() > 0) {
                previous = info;
            }
            tensors.put(info.name(), info);
        }
        return new SafetensorsFile(file, channel, dataStart, Collections.unmodifiableMap(metadata),
                Collections.unmodifiableMap(tensors));
    }

    private static void readMetadata(Path file, JsonNode node, Map<String, String> metadata)
            throws FileFormatException {
        if (!node.isObject()) {
            throw new FileFormatException(file, "header, __metadata__", "must be a JSON object of strings");
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new FileFormatException(file, "header, __metadata__." + entry.getKey(),
                        "metadata values must be strings, found " + entry.getValue().getNodeType());
            }
            metadata.put(entry.getKey(), entry.getValue().textValue());
        }
    }

    private static TensorInfo readTensor(Path file, String name, JsonNode node, long dataSize)
            throws FileFormatException {
        String where = "header, tensor " + name;
        if (!node.isObject()) {
            throw new FileFormatException(file, where, "must be a JSON object with dtype, shape and data_offsets");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw new FileFormatException(file, where, "dtype is missing or not a string");
        }
        DType dtype = DType.fromName(dtypeNode.textValue()).orElseThrow(() -> new FileFormatException(file, where,
                "unknown or unsupported dtype \"" + dtypeNode.textValue() + "\" (supported: "
                        + Arrays.toString(DType.values()) + ")"));
        long[] shape = longArray(file, where, "shape", node.get("shape"), -1);
        long[] offsets = longArray(file, where, "data_offsets", node.get("data_offsets"), 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end) {
            throw new FileFormatException(file, where, "data_offsets [" + begin + ", " + end + "] end before they begin");
        }
        long count = 1;
        try {
            for (long dimension : shape) {
                count = Math.multiplyExact(count, dimension);
            }
            count = Math.multiplyExact(count, (long) dtype.bytes());
        } catch (ArithmeticException e) {
            throw new FileFormatException(file, where, "shape " + Arrays.toString(shape) + " overflows");
        }
        if (count != end - begin) {
            throw new FileFormatException(file, where, "shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                    + count + " bytes, but data_offsets [" + begin + ", " + end + "] hold " + (end - begin));
        }
        if (end > dataSize) {
            throw new FileFormatException(file, where, "data_offsets end at " + end + " but the data section has "
                    + dataSize + " bytes; the file is truncated");
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private static long[] longArray(Path file, String where, String key, JsonNode node, int requiredLength)
            throws FileFormatException {
        if (node == null || !node.isArray() || (requiredLength >= 0 && node.size() != requiredLength)) {
            throw new FileFormatException(file, where, key + " is missing or not an array"
                    + (requiredLength >= 0 ? " of " + requiredLength + " integers" : " of integers"));
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode element = node.get(i);
            if (!element.isIntegralNumber() || !element.canConvertToLong() || element.longValue() < 0) {
                throw new FileFormatException(file, where, key + " holds " + element
                        + ", which is not a non-negative 64-bit integer");
            }
            values[i] = element.longValue();
        }
        return values;
    }

    /** The file this was opened from. */
    public Path file() {
        return file;
    }

    /** The string metadata (the architecture, say); empty when the file has none. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Every tensor, in the order of their data in the file. */
    public List<TensorInfo> tensors() {
        return List.copyOf(tensors.values());
    }

    /** The tensor with this name, if there is one. */
    public Optional<TensorInfo> find(String name) {
        return Optional.ofNullable(tensors.get(name));
    }

    /** The tensor with this name; a {@link FileFormatException} naming the file when there is none. */
    public TensorInfo tensor(String name) throws FileFormatException {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw new FileFormatException(file, "", "no tensor named \"" + name + "\" (the file has "
                    + tensors.keySet() + ")");
        }
        return info;
    }

    /** A float32 tensor's elements, row-major. */
    public float[] readF32(String name) throws IOException {
        TensorInfo info = expect(name, DType.F32);
        float[] values = new float[arrayLength(info)];
        copyOut(info, MemorySegment.ofArray(values), ValueLayout.JAVA_FLOAT, TensorContent.F32_LE);
        return values;
    }

    /** A float64 tensor's elements, row-major. */
    public double[] readF64(String name) throws IOException {
        TensorInfo info = expect(name, DType.F64);
        double[] values = new double[arrayLength(info)];
        copyOut(info, MemorySegment.ofArray(values), ValueLayout.JAVA_DOUBLE, TensorContent.F64_LE);
        return values;
    }

    /** An int64 tensor's elements, row-major. */
    public long[] readI64(String name) throws IOException {
        TensorInfo info = expect(name, DType.I64);
        long[] values = new long[arrayLength(info)];
        copyOut(info, MemorySegment.ofArray(values), ValueLayout.JAVA_LONG, TensorContent.I64_LE);
        return values;
    }

    /** Copies a [rows, cols] float32 tensor into {@code destination}, which must have that shape. */
    public void readInto(String name, F32Matrix destination) throws IOException {
        checkShape(expect(name, DType.F32), destination.describe(), destination.rows(), destination.cols());
        destination.copyFrom(readF32(name));
    }

    /** Copies a [rows, cols] float64 tensor into {@code destination}, which must have that shape. */
    public void readInto(String name, F64Matrix destination) throws IOException {
        checkShape(expect(name, DType.F64), destination.describe(), destination.rows(), destination.cols());
        destination.copyFrom(readF64(name));
    }

    /** Copies a [length] float32 tensor into {@code destination}, which must have that length. */
    public void readInto(String name, F32Vector destination) throws IOException {
        checkShape(expect(name, DType.F32), destination.describe(), destination.length());
        destination.copyFrom(readF32(name));
    }

    /** Copies a [length] float64 tensor into {@code destination}, which must have that length. */
    public void readInto(String name, F64Vector destination) throws IOException {
        checkShape(expect(name, DType.F64), destination.describe(), destination.length());
        destination.copyFrom(readF64(name));
    }

    private TensorInfo expect(String name, DType dtype) throws FileFormatException {
        TensorInfo info = tensor(name);
        if (info.dtype() != dtype) {
            throw new FileFormatException(file, "tensor " + name, "is " + info.dtype() + ", not " + dtype);
        }
        return info;
    }

    private void checkShape(TensorInfo info, String destination, long... shape) throws FileFormatException {
        if (!Arrays.equals(info.shape(), shape)) {
            throw new FileFormatException(file, "tensor " + info.name(), "has shape "
                    + Arrays.toString(info.shape()) + ", which does not fit " + destination);
        }
    }

    private int arrayLength(TensorInfo info) throws FileFormatException {
        if (info.elementCount() > Integer.MAX_VALUE - 8) {
            throw new FileFormatException(file, "tensor " + info.name(), "has " + info.elementCount()
                    + " elements, more than a Java array holds");
        }
        return (int) info.elementCount();
    }

    private void copyOut(TensorInfo info, MemorySegment destination, ValueLayout nativeLayout,
                         ValueLayout littleEndian) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate((int) info.byteSize());
        readFully(file, channel, bytes, dataStart + info.begin());
        MemorySegment.copy(MemorySegment.ofArray(bytes.array()), littleEndian, 0, destination, nativeLayout, 0,
                info.elementCount());
    }

    private static void readFully(Path file, FileChannel channel, ByteBuffer buffer, long position)
            throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new FileFormatException(file, "byte offset " + at, "unexpected end of file",
                        new EOFException());
            }
            at += read;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
