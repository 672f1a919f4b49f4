package dev.rosenblatt.kernels;

import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.F64Matrix;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.kernels.testing.RandomData;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An element of C gets the same bits whether it falls in a whole register tile or in a ragged one at the right or
 * bottom edge: the columns of a 70 x 40 product must equal the first 40 columns of the 70 x 64 product with the
 * same rows of A and the same first 40 columns of B (at 512 bits a tile is 64 floats or 32 doubles wide: 40 floats
 * are a ragged tile in the first and part of a whole one in the second, three vectors wide; 21 floats or 13 doubles,
 * a ragged tile narrow enough for the half-width kernel; 10 or 9 floats, 5 doubles, one vector wide, for the
 * quarter-width one; 21 doubles, three vectors),
 * and the same for rows, down to products of 1 to 3 rows (1 and 2 take their own row kernel).
 */
class GemmRaggedEdgeTest {

    private static final Kernels SIMD = Kernels.of(KernelProviders.simd());

    @Test
    void raggedAndWholeTilesAgreeBitwiseInFloat32() {
        SplittableRandom random = new SplittableRandom(3);
        int k = 37;
        try (OffHeap memory = OffHeap.shared()) {
            F32Matrix a = memory.f32Matrix(77, k, RandomData.floats(random, 77 * k));
            F32Matrix b = memory.f32Matrix(k, 64, RandomData.floats(random, k * 64));
            F32Matrix c0 = memory.f32Matrix(77, 64, RandomData.floats(random, 77 * 64));
            for (float beta : new float[] {0f, 0.5f}) {
                F32Matrix whole = memory.f32Matrix(77, 64);
                whole.copyFrom(c0);
                SIMD.gemm(1.5f, a, b, beta, whole, 1);
                for (int[] shape : new int[][] {{70, 40}, {77, 57}, {61, 64}, {70, 21}, {63, 9}, {77, 10}, {1, 64}, {2, 57}, {3, 10}, {1, 9}}) {
                    int m = shape[0];
                    int n = shape[1];
                    F32Matrix part = memory.f32Matrix(m, n);
                    part.copyFrom(c0.view(0, 0, m, n));
                    SIMD.gemm(1.5f, a.view(0, 0, m, k), b.view(0, 0, k, n), beta, part, 1);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            assertEquals(Float.floatToRawIntBits(whole.get(i, j)), Float.floatToRawIntBits(part.get(i, j)),
                                    m + "x" + n + " beta " + beta + " C(" + i + ", " + j + ")");
                        }
                    }
                }
            }
        }
    }

    @Test
    void fewRowsAgreeBitwiseWithTheTiledPathBeyondOneDepthBlock() {
        // k = 2100 spans two blocks of depth (KC = 2048): the second block adds to C in both paths. 90 columns:
        // at 512 bits one block of four vectors, one of one vector and 10 single elements in the row kernel.
        SplittableRandom random = new SplittableRandom(5);
        int k = 2100;
        try (OffHeap memory = OffHeap.shared()) {
            F32Matrix a = memory.f32Matrix(8, k, RandomData.floats(random, 8 * k));
            F32Matrix b = memory.f32Matrix(k, 90, RandomData.floats(random, k * 90));
            F32Matrix c0 = memory.f32Matrix(8, 90, RandomData.floats(random, 8 * 90));
            for (float beta : new float[] {0f, -1f}) {
                F32Matrix whole = memory.f32Matrix(8, 90);
                whole.copyFrom(c0);
                SIMD.gemm(0.5f, a, b, beta, whole, 1);
                for (int m = 1; m <= 3; m++) {
                    F32Matrix part = memory.f32Matrix(m, 90);
                    part.copyFrom(c0.view(0, 0, m, 90));
                    SIMD.gemm(0.5f, a.view(0, 0, m, k), b, beta, part, 1);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < 90; j++) {
                            assertEquals(Float.floatToRawIntBits(whole.get(i, j)), Float.floatToRawIntBits(part.get(i, j)),
                                    m + " rows, beta " + beta + " C(" + i + ", " + j + ")");
                        }
                    }
                }
            }
        }
    }

    @Test
    void raggedAndWholeTilesAgreeBitwiseInFloat64() {
        SplittableRandom random = new SplittableRandom(4);
        int k = 29;
        try (OffHeap memory = OffHeap.shared()) {
            F64Matrix a = memory.f64Matrix(77, k, RandomData.doubles(random, 77 * k));
            F64Matrix b = memory.f64Matrix(k, 64, RandomData.doubles(random, k * 64));
            F64Matrix c0 = memory.f64Matrix(77, 64, RandomData.doubles(random, 77 * 64));
            for (double beta : new double[] {0, 0.5}) {
                F64Matrix whole = memory.f64Matrix(77, 64);
                whole.copyFrom(c0);
                SIMD.gemm(1.5, a, b, beta, whole, 1);
                for (int[] shape : new int[][] {{70, 21}, {70, 13}, {61, 40}, {77, 5}, {1, 64}, {3, 13}}) {
                    int m = shape[0];
                    int n = shape[1];
                    F64Matrix part = memory.f64Matrix(m, n);
                    part.copyFrom(c0.view(0, 0, m, n));
                    SIMD.gemm(1.5, a.view(0, 0, m, k), b.view(0, 0, k, n), beta, part, 1);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            assertEquals(Double.doubleToRawLongBits(whole.get(i, j)),
                                    Double.doubleToRawLongBits(part.get(i, j)),
                                    m + "x" + n + " beta " + beta + " C(" + i + ", " + j + ")");
                        }
                    }
                }
            }
        }
    }
}
