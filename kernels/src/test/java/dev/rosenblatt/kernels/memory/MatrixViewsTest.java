package dev.rosenblatt.kernels.memory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatrixViewsTest {

    private static float[] iota(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    @Test
    void blocksAreAlignedTo64Bytes() {
        try (OffHeap memory = OffHeap.confined()) {
            for (int n : new int[] {1, 3, 17, 1021}) {
                assertEquals(0, memory.f32Vector(n).segment().address() % 64, "f32 vector of " + n);
                assertEquals(0, memory.f64Matrix(n, 3).segment().address() % 64, "f64 matrix of " + n + "x3");
            }
        }
    }

    @Test
    void copiesRoundTripThroughArrays() {
        try (OffHeap memory = OffHeap.confined()) {
            F32Matrix m = memory.f32Matrix(3, 4, iota(12));
            assertArrayEquals(iota(12), m.toArray());
            assertEquals(6f, m.get(1, 2));
            F64Matrix d = memory.f64Matrix(2, 2, new double[] {1, 2, 3, 4});
            assertArrayEquals(new double[] {1, 2, 3, 4}, d.toArray());
        }
    }

    @Test
    void subMatrixRowRangeAndTransposeShareMemory() {
        try (OffHeap memory = OffHeap.confined()) {
            F32Matrix m = memory.f32Matrix(4, 5, iota(20));
            F32Matrix sub = m.view(1, 2, 2, 3);
            assertEquals(2, sub.rows());
            assertEquals(3, sub.cols());
            assertEquals(5, sub.ld());
            assertArrayEquals(new float[] {7, 8, 9, 12, 13, 14}, sub.toArray());

            F32Matrix t = m.transpose();
            assertEquals(5, t.rows());
            assertEquals(4, t.cols());
            assertEquals(m.get(3, 1), t.get(1, 3));
            assertArrayEquals(m.toArray(), t.transpose().toArray());

            F32Matrix rows = m.rowRange(2, 2);
            rows.set(0, 0, -1f);
            assertEquals(-1f, m.get(2, 0), "a view writes through to its matrix");

            // A sub-view of a transposed view: logical (i, j) of t.view(1, 2, ...) is m(2 + j, 1 + i).
            F32Matrix tsub = t.view(1, 2, 3, 2);
            assertEquals(m.get(2, 1), tsub.get(0, 0));
            assertEquals(m.get(3, 3), tsub.get(2, 1));
            assertArrayEquals(new float[] {m.get(0, 4), m.get(1, 4), m.get(2, 4), m.get(3, 4)}, t.row(4).toArray());
            assertArrayEquals(new float[] {m.get(2, 0), m.get(2, 1), m.get(2, 2), m.get(2, 3), m.get(2, 4)},
                    t.column(2).toArray());
            assertEquals(5, m.column(1).stride());
        }
    }

    @Test
    void wrapsACallersSegmentWithoutCopying(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("weights.bin");
        Files.write(file, new byte[6 * Float.BYTES]);
        try (Arena arena = Arena.ofConfined();
             FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MemorySegment mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, 6 * Float.BYTES, arena);
            F32Matrix m = F32Matrix.wrap(mapped, 0, 2, 3, 3);
            m.set(1, 2, 42f);
            assertEquals(42f, mapped.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, 5));
            F32Matrix tail = F32Matrix.wrap(mapped, 2, 2, 2, 2);
            assertEquals(42f, tail.get(1, 1));
        }
    }

    @Test
    void wrongShapesAreRefusedWithTheShapesNamed() {
        try (OffHeap memory = OffHeap.confined()) {
            IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                    () -> memory.f32Matrix(-2, 3));
            assertTrue(negative.getMessage().contains("-2x3"), negative.getMessage());
            assertThrows(IllegalArgumentException.class, () -> memory.f64Vector(-1));

            F32Matrix m = memory.f32Matrix(3, 4);
            IllegalArgumentException copy = assertThrows(IllegalArgumentException.class,
                    () -> m.copyFrom(new float[11]));
            assertTrue(copy.getMessage().contains("11") && copy.getMessage().contains("3x4"), copy.getMessage());

            IndexOutOfBoundsException view = assertThrows(IndexOutOfBoundsException.class, () -> m.view(2, 1, 2, 2));
            assertTrue(view.getMessage().contains("2x2 at (2, 1)") && view.getMessage().contains("3x4"),
                    view.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> m.rowRange(-1, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> m.get(3, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> m.transpose().get(0, 3));

            MemorySegment twelve = memory.allocate(12 * Float.BYTES);
            IndexOutOfBoundsException tooSmall = assertThrows(IndexOutOfBoundsException.class,
                    () -> F32Matrix.wrap(twelve, 1, 3, 4, 4));
            assertTrue(tooSmall.getMessage().contains("needs 13 elements") && tooSmall.getMessage().contains("12"),
                    tooSmall.getMessage());
            IllegalArgumentException narrowLd = assertThrows(IllegalArgumentException.class,
                    () -> F32Matrix.wrap(twelve, 0, 2, 4, 3));
            assertTrue(narrowLd.getMessage().contains("leading dimension 3"), narrowLd.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> F32Vector.wrap(twelve, 10, 2, 2));
            assertThrows(IllegalArgumentException.class, () -> F32Vector.wrap(twelve, 0, 2, 0));
        }
    }

    @Test
    void useAfterCloseIsAnExceptionNotACrash() {
        OffHeap memory = OffHeap.confined();
        F32Matrix m = memory.f32Matrix(2, 2);
        F64Vector v = memory.f64Vector(4);
        memory.close();
        assertFalse(memory.isOpen());
        assertFalse(m.isAlive());
        IllegalStateException get = assertThrows(IllegalStateException.class, () -> m.get(0, 0));
        assertTrue(get.getMessage().contains("closed") && get.getMessage().contains("2x2"), get.getMessage());
        assertThrows(IllegalStateException.class, () -> v.set(1, 1.0));
        assertThrows(IllegalStateException.class, m::toArray);
        assertThrows(IllegalStateException.class, () -> m.view(0, 0, 1, 1));
        IllegalStateException alloc = assertThrows(IllegalStateException.class, () -> memory.f32Vector(3));
        assertTrue(alloc.getMessage().contains("closed"), alloc.getMessage());
        memory.close(); // closing twice is harmless
    }

    @Test
    void emptyShapesAreFine() {
        try (OffHeap memory = OffHeap.confined()) {
            F32Matrix empty = memory.f32Matrix(0, 5);
            assertEquals(0, empty.toArray().length);
            assertEquals(0, memory.f64Vector(0).length());
            assertEquals(0, memory.f32Matrix(3, 3).view(3, 3, 0, 0).size());
        }
    }
}
