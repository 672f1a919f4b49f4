package dev.rosenblatt.kernels.scalar;

import dev.rosenblatt.kernels.Gemm;
import dev.rosenblatt.kernels.Transpose;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The textbook triple loop: each C element is one dot product accumulated in order over k, in the precision of
 * the data. The oracle for the SIMD GEMM; single-threaded whatever {@code threads} says.
 */
public final class ScalarGemm implements Gemm {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    @Override
    public void sgemm(Transpose transA, Transpose transB, int m, int n, int k,
                      float alpha, MemorySegment a, long aOff, long lda,
                      MemorySegment b, long bOff, long ldb,
                      float beta, MemorySegment c, long cOff, long ldc, int threads) {
        // Element (i, p) of op(A) is at aOff + i * aRow + p * aCol; likewise for op(B).
        long aRow = transA == Transpose.N ? lda : 1;
        long aCol = transA == Transpose.N ? 1 : lda;
        long bRow = transB == Transpose.N ? ldb : 1;
        long bCol = transB == Transpose.N ? 1 : ldb;
        boolean quick = k == 0 || alpha == 0f; // BLAS: then C := beta C, and A and B are not read
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                if (quick) {
                    long ci = cOff + i * ldc + j;
                    c.setAtIndex(F32, ci, beta == 0f ? 0f : beta * c.getAtIndex(F32, ci));
                    continue;
                }
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum += a.getAtIndex(F32, aOff + i * aRow + p * aCol) * b.getAtIndex(F32, bOff + p * bRow + j * bCol);
                }
                long ci = cOff + i * ldc + j;
                float result = alpha * sum;
                if (beta != 0f) {
                    result += beta * c.getAtIndex(F32, ci);
                }
                c.setAtIndex(F32, ci, result);
            }
        }
    }

    @Override
    public void dgemm(Transpose transA, Transpose transB, int m, int n, int k,
                      double alpha, MemorySegment a, long aOff, long lda,
                      MemorySegment b, long bOff, long ldb,
                      double beta, MemorySegment c, long cOff, long ldc, int threads) {
        long aRow = transA == Transpose.N ? lda : 1;
        long aCol = transA == Transpose.N ? 1 : lda;
        long bRow = transB == Transpose.N ? ldb : 1;
        long bCol = transB == Transpose.N ? 1 : ldb;
        boolean quick = k == 0 || alpha == 0d;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                if (quick) {
                    long ci = cOff + i * ldc + j;
                    c.setAtIndex(F64, ci, beta == 0d ? 0d : beta * c.getAtIndex(F64, ci));
                    continue;
                }
                double sum = 0d;
                for (int p = 0; p < k; p++) {
                    sum += a.getAtIndex(F64, aOff + i * aRow + p * aCol) * b.getAtIndex(F64, bOff + p * bRow + j * bCol);
                }
                long ci = cOff + i * ldc + j;
                double result = alpha * sum;
                if (beta != 0d) {
                    result += beta * c.getAtIndex(F64, ci);
                }
                c.setAtIndex(F64, ci, result);
            }
        }
    }
}
