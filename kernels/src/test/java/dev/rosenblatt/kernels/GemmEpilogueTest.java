package dev.rosenblatt.kernels;

import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.F64Matrix;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.kernels.testing.RandomData;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GEMM epilogue: its blocks cover C exactly once, each runs after its block is final, on every path (small,
 * packed, several threads, k = 0, a transposed C), and what it throws reaches the caller.
 */
class GemmEpilogueTest {

    private static final Kernels[] BOTH = {Kernels.of(KernelProviders.scalar()), Kernels.of(KernelProviders.simd())};
    /** Small (no packing), packed with ragged edges, and large enough to be split between threads. */
    private static final int[][] SHAPES = {{5, 7, 3}, {33, 65, 17}, {130, 300, 200}, {300, 70, 129}, {9, 9, 0}};

    @Test
    void blocksCoverCOnceAndSeeTheFinishedProduct() {
        SplittableRandom random = new SplittableRandom(5);
        try (OffHeap memory = OffHeap.shared()) {
            for (int[] s : SHAPES) {
                int m = s[0], n = s[1], k = s[2];
                F32Matrix a = memory.f32Matrix(m, Math.max(k, 1), RandomData.floats(random, m * Math.max(k, 1)))
                        .view(0, 0, m, k);
                F32Matrix b = memory.f32Matrix(Math.max(k, 1), n, RandomData.floats(random, Math.max(k, 1) * n))
                        .view(0, 0, k, n);
                F32Matrix plain = memory.f32Matrix(m, n);
                F32Matrix c = memory.f32Matrix(m, n);
                for (Kernels kernels : BOTH) {
                    for (int threads = 1; threads <= 3; threads++) {
                        kernels.gemm(1f, a, b, 0f, plain, threads);
                        c.fill(Float.NaN);
                        AtomicIntegerArray visits = new AtomicIntegerArray(m * n);
                        // The epilogue doubles its block; it must see finished values, so c ends as 2 * plain.
                        kernels.gemm(1f, a, b, 0f, c, threads, (r0, r1, c0, c1) -> {
                            for (int i = r0; i < r1; i++) {
                                for (int j = c0; j < c1; j++) {
                                    visits.incrementAndGet(i * n + j);
                                    c.set(i, j, 2 * c.get(i, j));
                                }
                            }
                        });
                        String where = kernels.provider().describe() + " " + m + "x" + n + "x" + k + " threads "
                                + threads;
                        for (int i = 0; i < m; i++) {
                            for (int j = 0; j < n; j++) {
                                assertEquals(1, visits.get(i * n + j), where + ": visits of (" + i + ", " + j + ")");
                                assertEquals(2 * plain.get(i, j), c.get(i, j), where + ": C(" + i + ", " + j + ")");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void aTransposedCGetsItsOwnCoordinates() {
        SplittableRandom random = new SplittableRandom(6);
        try (OffHeap memory = OffHeap.shared()) {
            F64Matrix a = memory.f64Matrix(40, 30, RandomData.doubles(random, 40 * 30));
            F64Matrix b = memory.f64Matrix(30, 70, RandomData.doubles(random, 30 * 70));
            F64Matrix c = memory.f64Matrix(70, 40).transpose(); // 40 x 70
            for (Kernels kernels : BOTH) {
                int[] seen = new int[40 * 70];
                kernels.gemm(1.0, a, b, 0.0, c, 2, (r0, r1, c0, c1) -> {
                    assertTrue(r1 <= 40 && c1 <= 70, "block " + r0 + ".." + r1 + " x " + c0 + ".." + c1);
                    for (int i = r0; i < r1; i++) {
                        for (int j = c0; j < c1; j++) {
                            seen[i * 70 + j]++;
                        }
                    }
                });
                int[] once = new int[40 * 70];
                java.util.Arrays.fill(once, 1);
                assertArrayEquals(once, seen, kernels.provider().describe());
            }
        }
    }

    @Test
    void whatTheEpilogueThrowsReachesTheCaller() {
        try (OffHeap memory = OffHeap.shared()) {
            F32Matrix a = memory.f32Matrix(256, 256);
            F32Matrix b = memory.f32Matrix(256, 256);
            F32Matrix c = memory.f32Matrix(256, 256);
            for (Kernels kernels : BOTH) {
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> kernels.gemm(1f, a, b, 0f, c, 2, (r0, r1, c0, c1) -> {
                            throw new IllegalStateException("epilogue failed");
                        }));
                assertEquals("epilogue failed", e.getMessage());
            }
        }
    }
}
