package dev.rosenblatt.kernels;

import dev.rosenblatt.kernels.memory.F32Vector;
import dev.rosenblatt.kernels.memory.F64Vector;
import dev.rosenblatt.kernels.memory.OffHeap;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad arguments to the facade get an exception naming them, for every provider. */
class KernelsArgumentsTest {

    private static final Kernels[] BOTH = {Kernels.of(KernelProviders.scalar()), Kernels.of(KernelProviders.simd())};

    @Test
    void lengthMismatchNamesBothLengths() {
        try (OffHeap memory = OffHeap.confined()) {
            for (Kernels k : BOTH) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> k.dot(memory.f32Vector(5), memory.f32Vector(7)));
                assertTrue(e.getMessage().contains("5") && e.getMessage().contains("7"), e.getMessage());
                assertThrows(IllegalArgumentException.class,
                        () -> k.axpy(1.0, memory.f64Vector(3), memory.f64Vector(2)));
            }
        }
    }

    @Test
    void rawRangesAreChecked() {
        try (OffHeap memory = OffHeap.confined()) {
            MemorySegment ten = memory.allocate(10 * Float.BYTES);
            for (Kernels k : BOTH) {
                IndexOutOfBoundsException past = assertThrows(IndexOutOfBoundsException.class,
                        () -> k.sdot(6, ten, 5, 1, ten, 0, 1));
                assertTrue(past.getMessage().contains("sdot x") && past.getMessage().contains("holds 10"),
                        past.getMessage());
                assertThrows(IndexOutOfBoundsException.class, () -> k.sdot(4, ten, 1, 3, ten, 0, 1));
                assertThrows(IllegalArgumentException.class, () -> k.sdot(-1, ten, 0, 1, ten, 0, 1));
                assertThrows(IllegalArgumentException.class, () -> k.sdot(2, ten, 0, 0, ten, 0, 1));
                assertThrows(IndexOutOfBoundsException.class, () -> k.ddot(2, ten, -1, 1, ten, 0, 1));
                assertThrows(IndexOutOfBoundsException.class, () -> k.ddot(6, ten, 0, 1, ten, 0, 1));
                assertEquals(0f, k.sdot(0, ten, 10, 1, ten, 10, 1));
            }
        }
    }

    @Test
    void partialOverlapIsRefusedButInPlaceIsAllowed() {
        try (OffHeap memory = OffHeap.confined()) {
            MemorySegment block = memory.allocate(20 * Float.BYTES);
            F32Vector x = F32Vector.wrap(block, 0, 10, 1);
            F32Vector shifted = F32Vector.wrap(block, 3, 10, 1);
            F32Vector disjoint = F32Vector.wrap(block, 10, 10, 1);
            x.fill(1f);
            for (Kernels k : BOTH) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> k.axpy(2f, x, shifted));
                assertTrue(e.getMessage().contains("overlaps"), e.getMessage());
                k.axpy(1f, x, disjoint);
                k.axpy(0f, x, x);
            }
            assertEquals(2f, disjoint.get(9));
        }
    }

    @Test
    void closedMemoryIsAnExceptionNotACrash() {
        OffHeap memory = OffHeap.confined();
        F64Vector x = memory.f64Vector(33);
        F64Vector y = memory.f64Vector(33);
        memory.close();
        for (Kernels k : BOTH) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> k.dot(x, y));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> k.axpy(1.0, x, y));
        }
    }
}
