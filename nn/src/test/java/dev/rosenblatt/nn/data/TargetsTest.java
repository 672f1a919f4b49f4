package dev.rosenblatt.nn.data;

import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.OffHeap;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Class indices become one-hot rows, 0/1 or -1/+1 targets, only for the rows asked for. */
class TargetsTest {

    @Test
    void encodings() {
        try (OffHeap memory = OffHeap.confined()) {
            F32Matrix oneHot = memory.f32Matrix(3, 3);
            oneHot.fill(7);
            Targets.oneHot(new int[] {2, 0, 1}, 2, oneHot);
            assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 7, 7, 7}, oneHot.toArray());

            F32Matrix column = memory.f32Matrix(3, 1);
            Targets.signs(new int[] {1, 0, 1}, 3, column);
            assertArrayEquals(new float[] {1, -1, 1}, column.toArray());
            Targets.binary(new int[] {0, 1, 1}, 3, column);
            assertArrayEquals(new float[] {0, 1, 1}, column.toArray());

            assertThrows(IllegalArgumentException.class, () -> Targets.signs(new int[] {2}, 1, column));
            assertThrows(IllegalArgumentException.class, () -> Targets.oneHot(new int[] {3}, 1, oneHot));
        }
    }
}
