package dev.rosenblatt.nn.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A model file is replaced whole or not at all, and no temporary file is left behind either way. */
class AtomicWriteTest {

    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.toList();
        }
    }

    /** A tensor whose content fails after the writer has already written part of the file. */
    private static TensorContent failingAfter(int chunks) {
        int[] calls = {0};
        return (first, out) -> {
            if (calls[0]++ >= chunks) {
                throw new IOException("simulated failure at element " + first);
            }
            out.fill((byte) 1);
        };
    }

    @Test
    void successfulWriteLeavesOnlyTheTarget() throws IOException {
        Path target = dir.resolve("model.safetensors");
        new SafetensorsWriter().add("w", new float[] {1, 2, 3}, 3).write(target);
        new SafetensorsWriter().add("w", new float[] {4, 5, 6}, 3).write(target);
        assertEquals(List.of(target), files());
        try (SafetensorsFile read = SafetensorsFile.open(target)) {
            assertArrayEquals(new float[] {4, 5, 6}, read.readF32("w"));
        }
    }

    @Test
    void failureMidwayKeepsTheOldFileAndRemovesTheTemporaryOne() throws IOException {
        Path target = dir.resolve("model.safetensors");
        new SafetensorsWriter().add("w", new float[] {1, 2, 3}, 3).write(target);
        byte[] before = Files.readAllBytes(target);

        // 1,000 floats in 64-byte chunks: two chunks are written before the third one throws.
        SafetensorsWriter failing = new SafetensorsWriter(64)
                .add("ok", new float[] {7, 8}, 2)
                .add("w", DType.F32, new long[] {1000}, failingAfter(2));
        IOException e = assertThrows(IOException.class, () -> failing.write(target));
        assertEquals("simulated failure at element 32", e.getMessage());

        assertArrayEquals(before, Files.readAllBytes(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void failureOnANewTargetLeavesNothing() throws IOException {
        Path target = dir.resolve("new.safetensors");
        SafetensorsWriter failing = new SafetensorsWriter().add("w", DType.F64, new long[] {4}, failingAfter(0));
        assertThrows(IOException.class, () -> failing.write(target));
        assertFalse(Files.exists(target));
        assertEquals(List.of(), files());
    }

    @Test
    void runtimeExceptionsAlsoLeaveTheOldFile() throws IOException {
        Path target = dir.resolve("model.safetensors");
        AtomicFiles.write(target, channel -> channel.write(java.nio.ByteBuffer.wrap(new byte[] {1, 2})));
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, channel -> {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {9, 9, 9}));
            throw new IllegalStateException("boom");
        }));
        assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(target));
        assertEquals(List.of(target), files());
    }
}
