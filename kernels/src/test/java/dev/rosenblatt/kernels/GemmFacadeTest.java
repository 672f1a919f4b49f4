package dev.rosenblatt.kernels;

import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.F64Matrix;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.kernels.testing.RandomData;
import dev.rosenblatt.kernels.testing.TestSizes;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GEMM through the matrix views (transposes and sub-views taken from the views) and its argument checks. */
class GemmFacadeTest {

    private static final Kernels[] BOTH = {Kernels.of(KernelProviders.scalar()), Kernels.of(KernelProviders.simd())};

    /** C(i, j) = sum_p A(i, p) B(p, j) in double, through get(): the views' own idea of their elements. */
    private static double[][] naive(F32Matrix a, F32Matrix b) {
        double[][] c = new double[a.rows()][b.cols()];
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < b.cols(); j++) {
                for (int p = 0; p < a.cols(); p++) {
                    c[i][j] += (double) a.get(i, p) * b.get(p, j);
                }
            }
        }
        return c;
    }

    @Test
    void viewsTransposesAndTransposedOutputsMultiplyCorrectly() {
        SplittableRandom random = new SplittableRandom(11);
        try (OffHeap memory = OffHeap.confined()) {
            F32Matrix big = memory.f32Matrix(70, 90, RandomData.floats(random, 70 * 90));
            F32Matrix other = memory.f32Matrix(80, 60, RandomData.floats(random, 80 * 60));
            // A: a 33 x 41 sub-view; B: the transpose of a 17 x 41 sub-view, so 41 x 17; C: a transposed view.
            F32Matrix a = big.view(3, 5, 33, 41);
            F32Matrix b = other.view(2, 7, 17, 41).transpose();
            F32Matrix cStorage = memory.f32Matrix(17, 33);
            F32Matrix c = cStorage.transpose();
            double[][] expected = naive(a, b);
            for (Kernels k : BOTH) {
                c.fill(Float.NaN);
                k.gemm(1f, a, b, 0f, c);
                for (int i = 0; i < 33; i++) {
                    for (int j = 0; j < 17; j++) {
                        double bound = 2 * TestSizes.gamma(43, TestSizes.U_F32) * 41;
                        assertEquals(expected[i][j], c.get(i, j), bound,
                                k.provider().describe() + " C(" + i + ", " + j + ")");
                    }
                }
            }
        }
    }

    @Test
    void doublePrecisionViewsToo() {
        try (OffHeap memory = OffHeap.confined()) {
            F64Matrix a = memory.f64Matrix(2, 3, new double[] {1, 2, 3, 4, 5, 6});
            F64Matrix c = memory.f64Matrix(2, 2);
            for (Kernels k : BOTH) {
                k.gemm(1.0, a, a.transpose(), 0.0, c); // A A^T
                assertEquals(14.0, c.get(0, 0));
                assertEquals(32.0, c.get(0, 1));
                assertEquals(77.0, c.get(1, 1));
                k.gemm(2.0, a, a.transpose(), -1.0, c, 1); // 2 A A^T - (A A^T) = A A^T
                assertEquals(32.0, c.get(1, 0));
            }
        }
    }

    @Test
    void shapeMismatchNamesAllThreeShapes() {
        try (OffHeap memory = OffHeap.confined()) {
            F32Matrix a = memory.f32Matrix(3, 4);
            F32Matrix b = memory.f32Matrix(5, 6);
            F32Matrix c = memory.f32Matrix(3, 6);
            for (Kernels k : BOTH) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> k.gemm(1f, a, b, 0f, c));
                assertTrue(e.getMessage().contains("3x4") && e.getMessage().contains("5x6")
                        && e.getMessage().contains("3x6"), e.getMessage());
            }
        }
    }

    @Test
    void rawArgumentsAreChecked() {
        try (OffHeap memory = OffHeap.confined()) {
            MemorySegment a = memory.allocate(12 * Float.BYTES); // 3 x 4
            MemorySegment b = memory.allocate(8 * Float.BYTES);  // 4 x 2
            MemorySegment c = memory.allocate(6 * Float.BYTES);  // 3 x 2
            for (Kernels k : BOTH) {
                IndexOutOfBoundsException tooSmall = assertThrows(IndexOutOfBoundsException.class,
                        () -> k.sgemm(Transpose.N, Transpose.N, 3, 2, 5, 1f, a, 0, 5, b, 0, 2, 0f, c, 0, 2, 1));
                assertTrue(tooSmall.getMessage().contains("sgemm A"), tooSmall.getMessage());
                IllegalArgumentException narrowLd = assertThrows(IllegalArgumentException.class,
                        () -> k.sgemm(Transpose.N, Transpose.N, 3, 2, 4, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2, 1));
                assertTrue(narrowLd.getMessage().contains("leading dimension 3"), narrowLd.getMessage());
                assertThrows(IllegalArgumentException.class,
                        () -> k.sgemm(Transpose.N, Transpose.N, -3, 2, 4, 1f, a, 0, 4, b, 0, 2, 0f, c, 0, 2, 1));
                assertThrows(IllegalArgumentException.class,
                        () -> k.sgemm(Transpose.N, Transpose.N, 3, 2, 4, 1f, a, 0, 4, b, 0, 2, 0f, c, 0, 2, 0));
                assertThrows(IndexOutOfBoundsException.class,
                        () -> k.sgemm(Transpose.N, Transpose.T, 3, 2, 4, 1f, a, 0, 4, b, 1, 4, 0f, c, 0, 2, 1));
                IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class,
                        () -> k.sgemm(Transpose.N, Transpose.N, 2, 2, 2, 1f, a, 0, 4, b, 0, 2, 0f, a, 2, 4, 1));
                assertTrue(overlap.getMessage().contains("overlaps A"), overlap.getMessage());
                IllegalArgumentException overlapB = assertThrows(IllegalArgumentException.class,
                        () -> k.sgemm(Transpose.N, Transpose.N, 2, 2, 2, 1f, a, 0, 4, b, 0, 2, 0f, b, 2, 2, 1));
                assertTrue(overlapB.getMessage().contains("overlaps B"), overlapB.getMessage());
                // Empty products are fine and touch nothing they should not.
                k.sgemm(Transpose.N, Transpose.N, 0, 2, 4, 1f, a, 0, 4, b, 0, 2, 0f, c, 0, 2, 1);
            }
        }
    }

    @Test
    void kZeroOrAlphaZeroScalesC() {
        try (OffHeap memory = OffHeap.confined()) {
            F32Matrix a = memory.f32Matrix(2, 0);
            F32Matrix b = memory.f32Matrix(0, 3);
            F32Matrix c = memory.f32Matrix(2, 3);
            F32Matrix nanA = memory.f32Matrix(2, 2);
            nanA.fill(Float.NaN);
            F32Matrix b2 = memory.f32Matrix(2, 3);
            for (Kernels k : BOTH) {
                c.fill(4f);
                k.gemm(1f, a, b, 0.5f, c);
                assertEquals(2f, c.get(1, 2), "k = 0: C := beta C");
                c.fill(Float.NaN);
                k.gemm(1f, a, b, 0f, c);
                assertEquals(0f, c.get(0, 0), "k = 0, beta = 0: C := 0 without reading the NaN");
                c.fill(4f);
                k.gemm(0f, nanA, b2, 1f, c);
                assertEquals(4f, c.get(0, 1), "alpha = 0: A is not read (BLAS quick return)");
            }
        }
    }

    @Test
    void closedMemoryIsAnExceptionNotACrash() {
        OffHeap memory = OffHeap.confined();
        F32Matrix a = memory.f32Matrix(40, 40);
        F32Matrix c = memory.f32Matrix(40, 40);
        memory.close();
        try (OffHeap live = OffHeap.confined()) {
            F32Matrix b = live.f32Matrix(40, 40);
            for (Kernels k : BOTH) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> k.gemm(1f, a, b, 0f, c));
                assertTrue(e.getMessage().contains("closed"), e.getMessage());
            }
        }
    }
}
