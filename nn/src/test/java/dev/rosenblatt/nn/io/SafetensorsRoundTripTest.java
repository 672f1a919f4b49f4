package dev.rosenblatt.nn.io;

import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.F32Vector;
import dev.rosenblatt.kernels.memory.F64Vector;
import dev.rosenblatt.kernels.memory.OffHeap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What is written is read back bit for bit, with the byte layout the safetensors format prescribes. */
class SafetensorsRoundTripTest {

    @TempDir
    Path dir;

    /** Values that a conversion through float arithmetic or text would change. */
    static float[] awkwardFloats() {
        return new float[] {
                0f, -0f, 1f, -1.5f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL * 0.75f, Float.MAX_VALUE,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
                Float.intBitsToFloat(0x7fc00001), Float.intBitsToFloat(0xffbfffff), Float.intBitsToFloat(0x7f800001),
                (float) Math.PI, 1e-40f};
    }

    @Test
    void f32WithNanPayloadsNegativeZeroAndSubnormalsRoundTripsBitwise() throws Exception {
        float[] values = awkwardFloats();
        Path file = dir.resolve("f32.safetensors");
        new SafetensorsWriter().add("w", values, 4, 4).write(file);
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            float[] back = read.readF32("w");
            for (int i = 0; i < values.length; i++) {
                assertEquals(Float.floatToRawIntBits(values[i]), Float.floatToRawIntBits(back[i]), "element " + i);
            }
            assertArrayEquals(new long[] {4, 4}, read.tensor("w").shape());
        }
    }

    @Test
    void f64AndI64RoundTripBitwise() throws Exception {
        double[] doubles = {-0.0, Double.MIN_VALUE, Double.longBitsToDouble(0x7ff0000000000123L), 1.0 / 3, -1e300};
        long[] longs = {Long.MIN_VALUE, -1, 0, 42, Long.MAX_VALUE};
        Path file = dir.resolve("f64.safetensors");
        new SafetensorsWriter().add("d", doubles, 5).add("step", longs, 5).write(file);
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            double[] back = read.readF64("d");
            for (int i = 0; i < doubles.length; i++) {
                assertEquals(Double.doubleToRawLongBits(doubles[i]), Double.doubleToRawLongBits(back[i]));
            }
            assertArrayEquals(longs, read.readI64("step"));
        }
    }

    @Test
    void offHeapViewsAreWrittenInLogicalRowMajorOrder() throws Exception {
        try (OffHeap memory = OffHeap.confined()) {
            F32Matrix big = memory.f32Matrix(5, 7);
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 7; j++) {
                    big.set(i, j, i * 10 + j);
                }
            }
            F32Matrix block = big.view(1, 2, 3, 4);          // leading dimension 7, not packed
            F32Matrix transposed = big.view(0, 0, 2, 3).transpose();
            F64Vector bias = memory.f64Vector(new double[] {0.5, -0.25});
            Path file = dir.resolve("views.safetensors");
            new SafetensorsWriter().add("block", block).add("t", transposed).add("bias", bias).write(file);
            try (SafetensorsFile read = SafetensorsFile.open(file)) {
                assertArrayEquals(block.toArray(), read.readF32("block"));
                assertArrayEquals(transposed.toArray(), read.readF32("t"));
                assertArrayEquals(new long[] {3, 2}, read.tensor("t").shape());
                assertArrayEquals(new double[] {0.5, -0.25}, read.readF64("bias"));
                F32Matrix into = memory.f32Matrix(3, 4);
                read.readInto("block", into);
                assertArrayEquals(block.toArray(), into.toArray());
            }
        }
    }

    @Test
    void tensorsLargerThanTheStagingBufferAreWrittenWhole() throws Exception {
        float[] values = new float[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5f;
        }
        Path file = dir.resolve("chunks.safetensors");
        // 64-byte chunks: the tensor goes out in 63 pieces, the last one partial.
        new SafetensorsWriter(64).add("v", values, 1000).write(file);
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertArrayEquals(values, read.readF32("v"));
        }
    }

    @Test
    void offHeapVectorViewsAreWrittenBitForBitInChunks() throws Exception {
        // Contiguous views go out by bulk copies, strided ones element by element: both at an offset into their
        // block, in 64-byte chunks, so that a chunk starts inside the vector.
        float[] awkward = awkwardFloats();
        int n = 40;
        try (OffHeap memory = OffHeap.shared()) {
            F32Vector block = memory.f32Vector(3 * n + 5);
            F64Vector block64 = memory.f64Vector(3 * n + 5);
            for (int i = 0; i < block.length(); i++) {
                block.set(i, awkward[i % awkward.length] * (i % 3 == 0 ? 1 : -1));
                block64.set(i, i % 7 == 0 ? Double.longBitsToDouble(0x7ff0000000000123L) : i * -0.1);
            }
            F32Vector contiguous = F32Vector.wrap(block.segment(), 3, n, 1);
            F32Vector strided = F32Vector.wrap(block.segment(), 2, n, 3);
            F64Vector contiguous64 = F64Vector.wrap(block64.segment(), 5, n, 1);
            F64Vector strided64 = F64Vector.wrap(block64.segment(), 1, n, 3);
            Path file = dir.resolve("views.safetensors");
            new SafetensorsWriter(64).add("c", contiguous).add("s", strided).add("c64", contiguous64)
                    .add("s64", strided64).write(file);
            try (SafetensorsFile read = SafetensorsFile.open(file)) {
                float[] c = read.readF32("c");
                float[] st = read.readF32("s");
                double[] c64 = read.readF64("c64");
                double[] s64 = read.readF64("s64");
                for (int i = 0; i < n; i++) {
                    assertEquals(Float.floatToRawIntBits(contiguous.get(i)), Float.floatToRawIntBits(c[i]), "c " + i);
                    assertEquals(Float.floatToRawIntBits(strided.get(i)), Float.floatToRawIntBits(st[i]), "s " + i);
                    assertEquals(Double.doubleToRawLongBits(contiguous64.get(i)), Double.doubleToRawLongBits(c64[i]),
                            "c64 " + i);
                    assertEquals(Double.doubleToRawLongBits(strided64.get(i)), Double.doubleToRawLongBits(s64[i]),
                            "s64 " + i);
                }
            }
        }
    }

    @Test
    void metadataRoundTrips() throws Exception {
        Path file = dir.resolve("meta.safetensors");
        Map<String, String> metadata = Map.of("architecture", "{\"layers\":[784,10],\"note\":\"é ✓\"}",
                "format", "pt");
        new SafetensorsWriter().metadata(metadata).add("w", new float[] {1}, 1).write(file);
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertEquals(metadata, read.metadata());
        }
    }

    @Test
    void layoutIsLittleEndianLengthThenPaddedJsonThenPackedData() throws Exception {
        Path file = dir.resolve("layout.safetensors");
        new SafetensorsWriter().add("a", new float[] {1f, 2f}, 2).add("b", new double[] {3.0}, 1, 1).write(file);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = buffer.getLong(0);
        assertEquals(0, (8 + n) % 8, "data starts on an 8-byte boundary");
        String json = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        // The 8-byte tensor goes first, as the Python package orders them, so both stay aligned.
        assertEquals("{\"b\":{\"dtype\":\"F64\",\"shape\":[1,1],\"data_offsets\":[0,8]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", json.strip());
        assertEquals(8 + n + 16, bytes.length);
        assertEquals(3.0, buffer.getDouble((int) (8 + n)));
        assertEquals(1f, buffer.getFloat((int) (8 + n + 8)));
        assertEquals(2f, buffer.getFloat((int) (8 + n + 12)));
    }

    @Test
    void everyTensorStartsAtAMultipleOfItsElementSizeWithNoGaps() throws Exception {
        SafetensorsWriter writer = new SafetensorsWriter()
                .add("f1", new float[3], 3).add("d1", new double[1], 1).add("f2", new float[1], 1)
                .add("l1", new long[2], 2).add("d2", new double[5], 5);
        Path file = dir.resolve("aligned.safetensors");
        writer.write(file);
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertEquals(writer.tensors(), read.tensors());
            long end = 0;
            for (TensorInfo info : read.tensors()) {
                assertEquals(end, info.begin(), info + " follows the previous tensor");
                assertEquals(0, info.begin() % info.dtype().bytes(), info + " is aligned");
                end = info.end();
            }
            assertEquals(List.of("d1", "l1", "d2", "f1", "f2"),
                    read.tensors().stream().map(TensorInfo::name).toList(), "8-byte types first, else as added");
        }
    }

    @Test
    void readsAFileLaidOutAsThePythonPackageWritesIt() throws Exception {
        // Built by hand: metadata first, tensors not in offset order in the JSON, header padded with spaces.
        String json = "{\"__metadata__\":{\"format\":\"pt\"},\"z\":{\"dtype\":\"F32\",\"shape\":[],"
                + "\"data_offsets\":[8,12]},\"y\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}";
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        int padded = (header.length + 7) / 8 * 8;
        ByteBuffer file = ByteBuffer.allocate(8 + padded + 12).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(padded).put(header);
        for (int i = header.length; i < padded; i++) {
            file.put((byte) ' ');
        }
        file.putDouble(-2.5).putFloat(7f);
        Path path = dir.resolve("python.safetensors");
        Files.write(path, file.array());
        try (SafetensorsFile read = SafetensorsFile.open(path)) {
            assertEquals(Map.of("format", "pt"), read.metadata());
            assertEquals(List.of("y", "z"), read.tensors().stream().map(TensorInfo::name).toList(),
                    "tensors are listed in offset order");
            assertArrayEquals(new double[] {-2.5}, read.readF64("y"));
            assertArrayEquals(new float[] {7f}, read.readF32("z"), "a scalar has shape [] and one element");
        }
    }

    @Test
    void emptyTensorsAndFilesWithoutTensorsAreValid() throws Exception {
        Path file = dir.resolve("empty.safetensors");
        new SafetensorsWriter().add("none", new float[0], 0, 3).write(file);
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertEquals(0, read.readF32("none").length);
        }
        Path bare = dir.resolve("bare.safetensors");
        new SafetensorsWriter().metadata("k", "v").write(bare);
        try (SafetensorsFile read = SafetensorsFile.open(bare)) {
            assertTrue(read.tensors().isEmpty());
            assertEquals("v", read.metadata().get("k"));
        }
    }
}
