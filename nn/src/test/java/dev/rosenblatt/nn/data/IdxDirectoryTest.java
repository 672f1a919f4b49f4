package dev.rosenblatt.nn.data;

import dev.rosenblatt.kernels.memory.OffHeap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static dev.rosenblatt.nn.data.IdxTestFiles.gzip;
import static dev.rosenblatt.nn.data.IdxTestFiles.images;
import static dev.rosenblatt.nn.data.IdxTestFiles.labels;
import static dev.rosenblatt.nn.data.IdxTestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A directory with the four standard IDX names, gzipped or not; a missing dataset says how to get it. */
class IdxDirectoryTest {

    @TempDir
    Path dir;

    private void writeFourFiles(Path directory) throws IOException {
        write(directory.resolve("train-images-idx3-ubyte.gz"), gzip(images(6, 3, 3)));
        write(directory.resolve("train-labels-idx1-ubyte"), labels(0, 1, 2, 0, 1, 2));
        write(directory.resolve("t10k-images.idx3-ubyte"), images(2, 3, 3));
        write(directory.resolve("t10k-labels-idx1-ubyte.gz"), gzip(labels(9, 0)));
    }

    @Test
    void loadsTrainAndTestWithOneClassCount() throws IOException {
        writeFourFiles(dir);
        try (OffHeap memory = OffHeap.confined()) {
            TrainTest data = IdxDirectory.load(dir, memory);
            assertEquals(6, data.train().size());
            assertEquals(2, data.test().size());
            assertEquals(9, data.train().featureCount());
            // The test set's label 9 widens the training set's classes too: one output layer fits both.
            assertEquals(10, data.train().classCount());
            assertEquals(10, data.test().classCount());
            assertArrayEquals(new int[] {9, 0}, data.test().labels());
        }
    }

    @Test
    void missingFileIsNamedWithTheExpectedNames() throws IOException {
        writeFourFiles(dir);
        java.nio.file.Files.delete(dir.resolve("t10k-images.idx3-ubyte"));
        try (OffHeap memory = OffHeap.confined()) {
            NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> IdxDirectory.load(dir, memory));
            assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte"), e.getMessage());
        }
    }

    @Test
    void fashionMnistLocatorSaysHowToInstallIt() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> FashionMnist.locate(dir));
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    }

    @Test
    void fashionMnistLoadsFromAnyDirectoryWithItsClassNames() throws IOException {
        write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(images(10, 2, 2)));
        write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(labels(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)));
        write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(images(1, 2, 2)));
        write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(labels(3)));
        try (OffHeap memory = OffHeap.confined()) {
            TrainTest data = FashionMnist.load(dir, memory);
            assertEquals(FashionMnist.CLASS_NAMES, data.train().classNames());
            assertEquals("Dress", data.test().classNames().get(data.test().label(0)));
        }
    }
}
