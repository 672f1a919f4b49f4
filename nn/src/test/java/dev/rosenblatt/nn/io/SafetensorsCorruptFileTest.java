package dev.rosenblatt.nn.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way a safetensors file can be broken gives a FileFormatException that names the file and the problem. */
class SafetensorsCorruptFileTest {

    @TempDir
    Path dir;

    private Path file(String name, long headerLength, String json, int dataBytes) throws IOException {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(headerLength).put(header);
        Path path = dir.resolve(name);
        Files.write(path, buffer.array());
        return path;
    }

    private Path file(String name, String json, int dataBytes) throws IOException {
        return file(name, json.getBytes(StandardCharsets.UTF_8).length, json, dataBytes);
    }

    private void assertRejected(Path path, String... phrases) {
        FileFormatException e = assertThrows(FileFormatException.class, () -> SafetensorsFile.open(path).close());
        assertEquals(path, e.file());
        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
        for (String phrase : phrases) {
            assertTrue(e.getMessage().contains(phrase), "expected \"" + phrase + "\" in: " + e.getMessage());
        }
    }

    @Test
    void fileShorterThanTheLengthField() throws IOException {
        Path path = dir.resolve("short.safetensors");
        Files.write(path, new byte[] {1, 2, 3});
        assertRejected(path, "too short");
    }

    @Test
    void headerLengthLargerThanTheFile() throws IOException {
        assertRejected(file("long.safetensors", 1000, "{}", 0), "header length 1000", "truncated");
    }

    @Test
    void negativeOrHugeHeaderLength() throws IOException {
        assertRejected(file("neg.safetensors", -8, "{}", 0), "header length");
        assertRejected(file("huge.safetensors", 1L << 40, "{}", 0), "header length");
    }

    @Test
    void headerThatIsNotJson() throws IOException {
        assertRejected(file("notjson.safetensors", "{\"a\": {\"dtype\": \"F32\",", 0), "JSON is invalid");
        assertRejected(file("binary.safetensors", "\u0000\u0001garbage", 0), "does not start with '{'");
    }

    @Test
    void duplicateTensorNames() throws IOException {
        String entry = "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";
        assertRejected(file("dup.safetensors", "{\"a\":" + entry + ",\"a\":" + entry + "}", 4), "Duplicate field");
    }

    @Test
    void unknownDtype() throws IOException {
        assertRejected(file("bf16.safetensors", "{\"w\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}}",
                4), "tensor w", "unsupported dtype \"BF16\"");
    }

    @Test
    void shapeThatDoesNotMatchTheByteRange() throws IOException {
        assertRejected(file("size.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]}}",
                20), "tensor w", "needs 24 bytes", "hold 20");
    }

    @Test
    void shapeWhoseProductOverflows() throws IOException {
        assertRejected(file("overflow.safetensors", "{\"w\":{\"dtype\":\"F64\",\"shape\":[4294967296,4294967296],"
                + "\"data_offsets\":[0,8]}}", 8), "overflows");
    }

    @Test
    void negativeOrFractionalShapeAndOffsets() throws IOException {
        assertRejected(file("negshape.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}",
                4), "shape holds -1");
        assertRejected(file("frac.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4.5]}}",
                4), "data_offsets holds 4.5");
        assertRejected(file("backwards.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,4]}}",
                8), "end before they begin");
    }

    @Test
    void missingFields() throws IOException {
        assertRejected(file("nodtype.safetensors", "{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", 4), "dtype");
        assertRejected(file("noshape.safetensors", "{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4), "shape");
        assertRejected(file("nooffsets.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4), "data_offsets");
        assertRejected(file("array.safetensors", "[1,2]", 0), "does not start with '{'");
        assertRejected(file("number.safetensors", "{\"w\":5}", 0), "tensor w", "must be a JSON object");
    }

    @Test
    void overlappingTensors() throws IOException {
        assertRejected(file("overlap.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12), "overlap");
    }

    @Test
    void metadataValuesMustBeStrings() throws IOException {
        assertRejected(file("meta.safetensors", "{\"__metadata__\":{\"epochs\":10}}", 0), "__metadata__.epochs",
                "must be strings");
    }

    @Test
    void truncatedTensorData() throws IOException {
        Path path = dir.resolve("cut.safetensors");
        new SafetensorsWriter().add("a", new float[] {1, 2}, 2).add("b", new float[100], 10, 10).write(path);
        byte[] whole = Files.readAllBytes(path);
        Files.write(path, Arrays.copyOf(whole, whole.length - 1));
        assertRejected(path, "tensor b", "truncated");
    }

    @Test
    void headerTruncatedInTheMiddle() throws IOException {
        Path path = dir.resolve("cuthead.safetensors");
        new SafetensorsWriter().add("a", new float[] {1, 2}, 2).write(path);
        byte[] whole = Files.readAllBytes(path);
        Files.write(path, Arrays.copyOf(whole, 20));
        assertRejected(path, "header length");
    }

    @Test
    void readingATensorAsTheWrongTypeOrShapeSaysSo() throws IOException {
        Path path = dir.resolve("typed.safetensors");
        new SafetensorsWriter().add("w", new float[6], 2, 3).write(path);
        try (SafetensorsFile read = SafetensorsFile.open(path)) {
            FileFormatException type = assertThrows(FileFormatException.class, () -> read.readF64("w"));
            assertTrue(type.getMessage().contains("is F32, not F64"), type.getMessage());
            FileFormatException missing = assertThrows(FileFormatException.class, () -> read.readF32("bias"));
            assertTrue(missing.getMessage().contains("no tensor named \"bias\""), missing.getMessage());
            try (var memory = dev.rosenblatt.kernels.memory.OffHeap.confined()) {
                FileFormatException shape = assertThrows(FileFormatException.class,
                        () -> read.readInto("w", memory.f32Matrix(3, 2)));
                assertTrue(shape.getMessage().contains("[2, 3]"), shape.getMessage());
            }
        }
    }
}
