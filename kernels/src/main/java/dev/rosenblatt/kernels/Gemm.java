package dev.rosenblatt.kernels;

import java.lang.foreign.MemorySegment;

/**
 * General matrix multiply, BLAS-shaped on raw segments: C := alpha * op(A) * op(B) + beta * C, where op(A) is
 * m x k, op(B) is k x n and C is m x n, all row-major with leading dimensions lda, ldb, ldc and element offsets.
 * When beta is 0, C is never read. Implementations trust their arguments ({@link Kernels} checks them) and give
 * results that are bitwise identical for every thread count (k is never split between threads).
 */
public interface Gemm {

    void sgemm(Transpose transA, Transpose transB, int m, int n, int k,
               float alpha, MemorySegment a, long aOff, long lda,
               MemorySegment b, long bOff, long ldb,
               float beta, MemorySegment c, long cOff, long ldc, int threads);

    void dgemm(Transpose transA, Transpose transB, int m, int n, int k,
               double alpha, MemorySegment a, long aOff, long lda,
               MemorySegment b, long bOff, long ldb,
               double beta, MemorySegment c, long cOff, long ldc, int threads);

    /**
     * As {@link #sgemm}, then {@code epilogue} on blocks of C that together cover it (see {@link GemmEpilogue};
     * null: none); this default runs it once on the whole of C after the product.
     */
    default void sgemm(Transpose transA, Transpose transB, int m, int n, int k,
                       float alpha, MemorySegment a, long aOff, long lda,
                       MemorySegment b, long bOff, long ldb,
                       float beta, MemorySegment c, long cOff, long ldc, int threads, GemmEpilogue epilogue) {
        sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, threads);
        if (epilogue != null && m > 0 && n > 0) {
            epilogue.apply(0, m, 0, n);
        }
    }

    /** As {@link #dgemm}, then {@code epilogue}; see the float32 overload. */
    default void dgemm(Transpose transA, Transpose transB, int m, int n, int k,
                       double alpha, MemorySegment a, long aOff, long lda,
                       MemorySegment b, long bOff, long ldb,
                       double beta, MemorySegment c, long cOff, long ldc, int threads, GemmEpilogue epilogue) {
        dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, threads);
        if (epilogue != null && m > 0 && n > 0) {
            epilogue.apply(0, m, 0, n);
        }
    }
}
