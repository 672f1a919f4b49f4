package dev.rosenblatt.kernels;

import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.F32Vector;
import dev.rosenblatt.kernels.memory.OffHeap;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad arguments to the elementwise kernels get an exception that names them, for both providers. */
class ElementwiseArgumentsTest {

    private static final Kernels[] BOTH = {Kernels.of(KernelProviders.scalar()), Kernels.of(KernelProviders.simd())};

    @Test
    void shapeMismatchNamesTheShapes() {
        try (OffHeap memory = OffHeap.confined()) {
            for (Kernels k : BOTH) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> k.sigmoidForward(memory.f32Matrix(2, 3), memory.f32Matrix(3, 2)));
                assertTrue(e.getMessage().contains("2x3") && e.getMessage().contains("3x2"), e.getMessage());
                assertThrows(IllegalArgumentException.class,
                        () -> k.biasForward(memory.f32Matrix(2, 3), memory.f32Vector(4)));
                assertThrows(IllegalArgumentException.class,
                        () -> k.sgdUpdate(memory.f32Vector(3), memory.f32Vector(4), 0.1f));
                assertThrows(IllegalArgumentException.class,
                        () -> k.mseLoss(null, memory.f32Matrix(0, 3), memory.f32Matrix(0, 3)));
            }
        }
    }

    @Test
    void labelOutOfRangeIsNamed() {
        try (OffHeap memory = OffHeap.confined()) {
            for (Kernels k : BOTH) {
                IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                        () -> k.softmaxCrossEntropyLoss(null, memory.f32Matrix(2, 5), new int[] {1, 5}));
                assertTrue(e.getMessage().contains("label 5") && e.getMessage().contains("row 1"), e.getMessage());
                assertThrows(IllegalArgumentException.class,
                        () -> k.softmaxCrossEntropyLoss(null, memory.f32Matrix(2, 5), new int[] {1}));
            }
        }
    }

    @Test
    void closedMemoryIsAnException() {
        OffHeap memory = OffHeap.confined();
        F32Matrix x = memory.f32Matrix(2, 3);
        F32Matrix y = memory.f32Matrix(2, 3);
        F32Vector v = memory.f32Vector(3);
        memory.close();
        for (Kernels k : BOTH) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> k.tanhForward(y, x));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> k.softmaxForward(y, x));
            assertThrows(IllegalStateException.class, () -> k.sum(v));
            assertThrows(IllegalStateException.class, () -> k.clipByGlobalNorm(1.0, v));
        }
    }

    @Test
    void partialOverlapAndTransposeMismatchAreRefused() {
        try (OffHeap memory = OffHeap.confined()) {
            F32Matrix block = memory.f32Matrix(1, 40);
            F32Matrix a = F32Matrix.wrap(block.segment(), 0, 2, 10, 10);
            F32Matrix shifted = F32Matrix.wrap(block.segment(), 3, 2, 10, 10);
            for (Kernels k : BOTH) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> k.reluForward(shifted, a));
                assertTrue(e.getMessage().contains("overlaps"), e.getMessage());
                k.reluForward(a, a);
                F32Matrix square = memory.f32Matrix(3, 3);
                assertThrows(IllegalArgumentException.class,
                        () -> k.reluForward(memory.f32Matrix(3, 3), square.transpose()));
                assertThrows(IllegalArgumentException.class,
                        () -> k.softmaxForward(memory.f32Matrix(3, 3).transpose(), square.transpose()));
            }
        }
    }

    @Test
    void clippingScalesOnlyAboveTheThreshold() {
        try (OffHeap memory = OffHeap.confined()) {
            for (Kernels k : BOTH) {
                F32Vector a = memory.f32Vector(new float[] {3, 0});
                F32Vector b = memory.f32Vector(new float[] {0, 0, 4});
                double norm = k.clipByGlobalNorm(1.0, a, b);
                assertTrue(Math.abs(norm - 5) < 1e-6, "norm " + norm);
                assertTrue(Math.abs(a.get(0) - 0.6f) < 1e-6 && Math.abs(b.get(2) - 0.8f) < 1e-6, "scaled to norm 1");
                double again = k.clipByGlobalNorm(10.0, a, b);
                assertTrue(Math.abs(again - 1) < 1e-6 && Math.abs(a.get(0) - 0.6f) < 1e-6, "untouched below");
            }
        }
    }
}
