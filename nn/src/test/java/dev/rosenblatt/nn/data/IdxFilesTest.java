package dev.rosenblatt.nn.data;

import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.nn.io.FileFormatException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import static dev.rosenblatt.nn.data.IdxTestFiles.gzip;
import static dev.rosenblatt.nn.data.IdxTestFiles.idx;
import static dev.rosenblatt.nn.data.IdxTestFiles.images;
import static dev.rosenblatt.nn.data.IdxTestFiles.labels;
import static dev.rosenblatt.nn.data.IdxTestFiles.pixel;
import static dev.rosenblatt.nn.data.IdxTestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IDX images and labels, plain and gzipped, and every malformed file named with its offset. */
class IdxFilesTest {

    @TempDir
    Path dir;

    private final OffHeap memory = OffHeap.confined();

    @AfterEach
    void close() {
        memory.close();
    }

    private static void assertPixels(F32Matrix pixels, int n, int side) {
        assertEquals(n, pixels.rows());
        assertEquals(side * side, pixels.cols());
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < side * side; k++) {
                assertEquals(pixel(i, k), pixels.get(i, k), "image " + i + " pixel " + k);
            }
        }
    }

    @Test
    void loadsPlainImagesAndLabels() throws IOException {
        // 300 images of 15 x 15: 67,500 pixels, more than one 64 KiB read chunk.
        Path images = write(dir.resolve("images"), images(300, 15, 15));
        int[] classes = new int[300];
        Arrays.setAll(classes, i -> i % 7);
        Path labels = write(dir.resolve("labels"), labels(classes));
        Dataset data = IdxFiles.load(images, labels, memory);
        assertPixels(data.features(), 300, 15);
        assertArrayEquals(classes, data.labels());
        assertEquals(7, data.classCount());
    }

    @Test
    void loadsGzippedFilesTheSameWay() throws IOException {
        Path images = write(dir.resolve("images.gz"), gzip(images(300, 15, 15)));
        Path labels = write(dir.resolve("labels.gz"), gzip(labels(new int[300])));
        Dataset data = IdxFiles.load(images, labels, memory);
        assertPixels(data.features(), 300, 15);
        assertEquals(1, data.classCount());
    }

    @Test
    void wrongMagicNumberNamesTheFileAndOffsetZero() throws IOException {
        Path labels = write(dir.resolve("labels"), labels(1, 2));
        FileFormatException e = assertThrows(FileFormatException.class, () -> IdxFiles.readImages(labels, memory));
        assertEquals(labels, e.file());
        assertEquals("byte offset 0", e.location());
        assertTrue(e.problem().contains("wrong magic number 0x00000801, expected 0x00000803"), e.getMessage());
        assertTrue(e.problem().contains("this is a labels file"), e.getMessage());

        Path images = write(dir.resolve("images"), images(2, 2, 2));
        FileFormatException swapped = assertThrows(FileFormatException.class, () -> IdxFiles.readLabels(images));
        assertTrue(swapped.problem().contains("expected 0x00000801"), swapped.getMessage());
    }

    @Test
    void truncatedPlainFileIsRefusedBeforeAllocating() throws IOException {
        byte[] whole = images(10, 4, 4);
        Path file = write(dir.resolve("cut-images"), Arrays.copyOf(whole, whole.length - 5));
        FileFormatException e = assertThrows(FileFormatException.class, () -> IdxFiles.readImages(file, memory));
        assertEquals("byte offset " + (whole.length - 5), e.location());
        assertTrue(e.problem().contains("truncated"), e.getMessage());
    }

    @Test
    void truncatedGzippedFileNamesTheDecompressedOffset() throws IOException {
        byte[] compressed = gzip(images(10, 4, 4));
        Path file = write(dir.resolve("cut-images.gz"), Arrays.copyOf(compressed, compressed.length - 12));
        FileFormatException e = assertThrows(FileFormatException.class, () -> IdxFiles.readImages(file, memory));
        assertTrue(e.location().matches("byte offset \\d+ of the decompressed data"), e.getMessage());
        assertTrue(e.problem().contains("truncated"), e.getMessage());
    }

    @Test
    void truncatedInsideTheHeader() throws IOException {
        Path file = write(dir.resolve("stub"), new byte[] {0, 0, 8, 3, 0, 0});
        FileFormatException e = assertThrows(FileFormatException.class, () -> IdxFiles.readImages(file, memory));
        // The file ends two bytes into the image count: the offset is where the data stops.
        assertEquals("byte offset 6", e.location());
        assertTrue(e.problem().contains("image count"), e.getMessage());
    }

    @Test
    void labelCountDifferentFromImageCount() throws IOException {
        Path images = write(dir.resolve("images"), images(5, 2, 2));
        Path labels = write(dir.resolve("labels"), labels(0, 1, 2, 3));
        FileFormatException e = assertThrows(FileFormatException.class, () -> IdxFiles.load(images, labels, memory));
        assertEquals(images, e.file());
        assertEquals("byte offset 4", e.location());
        assertTrue(e.problem().contains("5 images") && e.problem().contains("4 labels")
                && e.problem().contains(labels.toString()), e.getMessage());
    }

    @Test
    void dimensionsThatOverflow() throws IOException {
        Path negative = write(dir.resolve("neg"), idx(IdxFiles.IMAGES_MAGIC, new int[] {-1, 28, 28}, new byte[0]));
        FileFormatException e = assertThrows(FileFormatException.class, () -> IdxFiles.readImages(negative, memory));
        assertEquals("byte offset 4", e.location());
        assertTrue(e.problem().contains("dimensions overflow") && e.problem().contains("4294967295"), e.getMessage());

        Path wide = write(dir.resolve("wide"), idx(IdxFiles.IMAGES_MAGIC, new int[] {1, 65536, 65536}, new byte[0]));
        FileFormatException w = assertThrows(FileFormatException.class, () -> IdxFiles.readImages(wide, memory));
        assertTrue(w.problem().contains("dimensions overflow"), w.getMessage());

        // A gzip file of a few dozen bytes cannot hold 2^31 images: refused before allocating gigabytes.
        Path huge = write(dir.resolve("huge.gz"),
                gzip(idx(IdxFiles.IMAGES_MAGIC, new int[] {Integer.MAX_VALUE, 28, 28}, new byte[16])));
        FileFormatException h = assertThrows(FileFormatException.class, () -> IdxFiles.readImages(huge, memory));
        assertTrue(h.problem().contains("dimensions overflow"), h.getMessage());
    }

    @Test
    void extraBytesAfterTheDataAreAnError() throws IOException {
        byte[] whole = images(3, 2, 2);
        Path file = write(dir.resolve("long"), Arrays.copyOf(whole, whole.length + 1));
        FileFormatException e = assertThrows(FileFormatException.class, () -> IdxFiles.readImages(file, memory));
        assertEquals("byte offset " + whole.length, e.location());
    }

    @Test
    void corruptGzipDataIsAnError() throws IOException {
        byte[] compressed = gzip(images(50, 8, 8));
        for (int i = 20; i < compressed.length - 8; i += 3) {
            compressed[i] ^= 0x5A;
        }
        Path file = write(dir.resolve("corrupt.gz"), compressed);
        FileFormatException e = assertThrows(FileFormatException.class, () -> IdxFiles.readImages(file, memory));
        assertEquals(file, e.file());
    }
}
