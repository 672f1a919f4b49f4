package dev.rosenblatt.nn.data;

import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.OffHeap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Rows and labels stay together through gathering, selecting, permuting and splitting. */
class DatasetTest {

    private final OffHeap memory = OffHeap.confined();

    @AfterEach
    void close() {
        memory.close();
    }

    /** Row i holds (i, 100 + i, 200 + i) and label i mod 3: every row says which it is. */
    private Dataset numbered(int n) {
        float[] x = new float[n * 3];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x[3 * i] = i;
            x[3 * i + 1] = 100 + i;
            x[3 * i + 2] = 200 + i;
            labels[i] = i % 3;
        }
        return Dataset.of(memory.f32Matrix(n, 3, x), labels, 3);
    }

    private static void assertRowsConsistent(Dataset data) {
        for (int i = 0; i < data.size(); i++) {
            int original = (int) data.features().get(i, 0);
            assertEquals(100 + original, data.features().get(i, 1));
            assertEquals(200 + original, data.features().get(i, 2));
            assertEquals(original % 3, data.label(i), "label of original row " + original);
        }
    }

    @Test
    void gatherCopiesTheOrderedRowsIntoABatch() {
        Dataset data = numbered(10);
        F32Matrix batch = memory.f32Matrix(4, 3);
        int[] labels = new int[4];
        data.gather(new int[] {9, 2, 7, 0, 5}, 1, 3, batch, labels);
        assertArrayEquals(new float[] {2, 102, 202, 7, 107, 207, 0, 100, 200, 0, 0, 0}, batch.toArray());
        assertArrayEquals(new int[] {2, 1, 0, 0}, labels);
    }

    @Test
    void selectCopiesAndRowsViews() {
        Dataset data = numbered(6);
        Dataset chosen = data.select(new int[] {4, 1}, memory);
        assertArrayEquals(new float[] {4, 104, 204, 1, 101, 201}, chosen.features().toArray());
        Dataset middle = data.rows(2, 3);
        assertEquals(3, middle.size());
        assertEquals(2, middle.features().get(0, 0));
        data.features().set(2, 0, -1);
        assertEquals(-1, middle.features().get(0, 0), "rows() shares memory");
        assertEquals(4, chosen.features().get(0, 0), "select() copies");
    }

    @Test
    void shuffleSplitPartitionsAllRowsAndIsDeterministic() {
        Dataset a = numbered(101);
        Dataset b = numbered(101);
        TrainValidation splitA = a.shuffleSplit(0.2, 42);
        TrainValidation splitB = b.shuffleSplit(0.2, 42);
        assertEquals(81, splitA.train().size());
        assertEquals(20, splitA.validation().size());
        assertArrayEquals(splitA.train().features().toArray(), splitB.train().features().toArray());
        assertArrayEquals(splitA.validation().labels(), splitB.validation().labels());
        assertRowsConsistent(splitA.train());
        assertRowsConsistent(splitA.validation());

        boolean[] seen = new boolean[101];
        for (Dataset part : List.of(splitA.train(), splitA.validation())) {
            for (int i = 0; i < part.size(); i++) {
                int original = (int) part.features().get(i, 0);
                assertFalse(seen[original], "row " + original + " appears twice");
                seen[original] = true;
            }
        }
        boolean[] all = new boolean[101];
        Arrays.fill(all, true);
        assertArrayEquals(all, seen);

        Dataset c = numbered(101);
        assertNotEquals(Arrays.toString(splitA.validation().features().toArray()),
                Arrays.toString(c.shuffleSplit(0.2, 43).validation().features().toArray()),
                "another seed gives another split");
    }

    @Test
    void permuteRowsFollowsLongCycles() {
        Dataset data = numbered(7);
        int[] order = {3, 6, 0, 5, 1, 2, 4};
        data.permuteRows(order);
        for (int k = 0; k < 7; k++) {
            assertEquals(order[k], data.features().get(k, 0));
        }
        assertRowsConsistent(data);
        assertThrows(IllegalArgumentException.class, () -> data.permuteRows(new int[] {0, 0, 1, 2, 3, 4, 5}));
        assertRowsConsistent(data);
    }

    @Test
    void constructorRefusesInconsistentParts() {
        F32Matrix x = memory.f32Matrix(2, 2);
        assertThrows(IllegalArgumentException.class, () -> Dataset.of(x, new int[] {0}, 2));
        assertThrows(IllegalArgumentException.class, () -> Dataset.of(x, new int[] {0, 2}, 2));
        assertThrows(IllegalArgumentException.class,
                () -> new Dataset(x, new int[] {0, 1}, 2, List.of("only one"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> Dataset.of(x.transpose(), new int[] {0, 1}, 2));
    }
}
