package dev.rosenblatt.kernels.simd;

import dev.rosenblatt.kernels.Gemm;
import dev.rosenblatt.kernels.GemmEpilogue;
import dev.rosenblatt.kernels.PartTask;
import dev.rosenblatt.kernels.Transpose;

import java.lang.foreign.MemorySegment;

/** The Vector API GEMM: {@link SimdSgemm} for float32, {@link SimdDgemm} for float64. */
final class SimdGemm implements Gemm {

    private final SimdSgemm single = new SimdSgemm();
    private final SimdDgemm dual = new SimdDgemm();

    /** Parts of other work on the float32 GEMM's threads (see {@link SimdSgemm#runParts}). */
    void runParts(int parts, PartTask task) {
        single.runParts(parts, task);
    }

    @Override
    public void sgemm(Transpose transA, Transpose transB, int m, int n, int k,
                      float alpha, MemorySegment a, long aOff, long lda,
                      MemorySegment b, long bOff, long ldb,
                      float beta, MemorySegment c, long cOff, long ldc, int threads) {
        single.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, threads, null);
    }

    @Override
    public void sgemm(Transpose transA, Transpose transB, int m, int n, int k,
                      float alpha, MemorySegment a, long aOff, long lda,
                      MemorySegment b, long bOff, long ldb,
                      float beta, MemorySegment c, long cOff, long ldc, int threads, GemmEpilogue epilogue) {
        single.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, threads,
                epilogue);
    }

    @Override
    public void dgemm(Transpose transA, Transpose transB, int m, int n, int k,
                      double alpha, MemorySegment a, long aOff, long lda,
                      MemorySegment b, long bOff, long ldb,
                      double beta, MemorySegment c, long cOff, long ldc, int threads) {
        dual.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, threads, null);
    }

    @Override
    public void dgemm(Transpose transA, Transpose transB, int m, int n, int k,
                      double alpha, MemorySegment a, long aOff, long lda,
                      MemorySegment b, long bOff, long ldb,
                      double beta, MemorySegment c, long cOff, long ldc, int threads, GemmEpilogue epilogue) {
        dual.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, threads,
                epilogue);
    }
}
