package dev.rosenblatt.kernels;

import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.F32Vector;
import dev.rosenblatt.kernels.memory.F64Matrix;
import dev.rosenblatt.kernels.memory.F64Vector;
import dev.rosenblatt.kernels.memory.MatrixLayout;
import dev.rosenblatt.kernels.memory.Shapes;

import java.lang.foreign.MemorySegment;

/**
 * The public entry to every kernel: checks shapes, ranges, overlaps and lifetimes once, with messages that name
 * them, then calls the provider's unchecked kernel. Bound to one provider: {@link #preferred()} for the one chosen
 * at run time, {@link #of(KernelProvider)} to pin one (tests compare scalar and SIMD this way).
 */
public final class Kernels {

    private final KernelProvider provider;
    private final Blas1 blas1;
    private final Gemm gemm;

    private Kernels(KernelProvider provider) {
        this.provider = provider;
        this.blas1 = provider.blas1();
        this.gemm = provider.gemm();
    }

    /** Kernels of the provider chosen for this JVM (see {@link KernelProviders}). */
    public static Kernels preferred() {
        return Preferred.INSTANCE;
    }

    /** Kernels of a given provider. */
    public static Kernels of(KernelProvider provider) {
        return new Kernels(provider);
    }

    public KernelProvider provider() {
        return provider;
    }

    // ---- GEMM on matrix views: C := alpha * A * B + beta * C, transposes taken from the views ----

    /** C := alpha A B + beta C in float32, on {@link Threads#defaultCount()} threads. */
    public void gemm(float alpha, F32Matrix a, F32Matrix b, float beta, F32Matrix c) {
        gemm(alpha, a, b, beta, c, Threads.defaultCount());
    }

    /**
     * C := alpha A B + beta C in float32. A transposed view of A or B is multiplied as op = T without a copy; a
     * transposed C is computed as C^T = B^T A^T. When beta is 0, C is never read.
     */
    public void gemm(float alpha, F32Matrix a, F32Matrix b, float beta, F32Matrix c, int threads) {
        checkGemmShapes(a, b, c);
        if (c.isTransposed()) {
            gemm(alpha, b.transpose(), a.transpose(), beta, c.transpose(), threads);
            return;
        }
        sgemm(op(a), op(b), c.rows(), c.cols(), a.cols(), alpha, a.segment(), a.offset(), a.ld(),
                b.segment(), b.offset(), b.ld(), beta, c.segment(), c.offset(), c.ld(), threads);
    }

    /** C := alpha A B + beta C in float64, on {@link Threads#defaultCount()} threads. */
    public void gemm(double alpha, F64Matrix a, F64Matrix b, double beta, F64Matrix c) {
        gemm(alpha, a, b, beta, c, Threads.defaultCount());
    }

    /** C := alpha A B + beta C in float64; see the float32 overload. */
    public void gemm(double alpha, F64Matrix a, F64Matrix b, double beta, F64Matrix c, int threads) {
        checkGemmShapes(a, b, c);
        if (c.isTransposed()) {
            gemm(alpha, b.transpose(), a.transpose(), beta, c.transpose(), threads);
            return;
        }
        dgemm(op(a), op(b), c.rows(), c.cols(), a.cols(), alpha, a.segment(), a.offset(), a.ld(),
                b.segment(), b.offset(), b.ld(), beta, c.segment(), c.offset(), c.ld(), threads);
    }

    // ---- GEMM, BLAS-shaped on raw segments (row-major; offsets and leading dimensions in elements) ----

    /**
     * C := alpha op(A) op(B) + beta C in float32, op(A) m x k, op(B) k x n, C m x n. A is stored m x k (transA = N)
     * or k x m (T) with leading dimension lda, and so on. C may not overlap A or B.
     */
    public void sgemm(Transpose transA, Transpose transB, int m, int n, int k,
                      float alpha, MemorySegment a, long aOff, long lda,
                      MemorySegment b, long bOff, long ldb,
                      float beta, MemorySegment c, long cOff, long ldc, int threads) {
        checkGemmArguments("sgemm", Float.BYTES, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc,
                threads);
        gemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, threads);
    }

    /** C := alpha op(A) op(B) + beta C in float64; see {@link #sgemm}. */
    public void dgemm(Transpose transA, Transpose transB, int m, int n, int k,
                      double alpha, MemorySegment a, long aOff, long lda,
                      MemorySegment b, long bOff, long ldb,
                      double beta, MemorySegment c, long cOff, long ldc, int threads) {
        checkGemmArguments("dgemm", Double.BYTES, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc,
                threads);
        gemm.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, threads);
    }

    private static Transpose op(MatrixLayout x) {
        return x.isTransposed() ? Transpose.T : Transpose.N;
    }

    private static void checkGemmShapes(MatrixLayout a, MatrixLayout b, MatrixLayout c) {
        if (a.cols() != b.rows() || c.rows() != a.rows() || c.cols() != b.cols()) {
            throw new IllegalArgumentException("gemm: A is " + a.rows() + "x" + a.cols() + ", B is " + b.rows() + "x"
                    + b.cols() + " and C is " + c.rows() + "x" + c.cols() + "; need A m x k, B k x n, C m x n");
        }
    }

    private static void checkGemmArguments(String op, int elementBytes, Transpose transA, Transpose transB,
                                           int m, int n, int k, MemorySegment a, long aOff, long lda,
                                           MemorySegment b, long bOff, long ldb,
                                           MemorySegment c, long cOff, long ldc, int threads) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException(op + ": m=" + m + ", n=" + n + ", k=" + k + " must not be negative");
        }
        if (threads < 1) {
            throw new IllegalArgumentException(op + ": threads=" + threads + " must be at least 1");
        }
        if (transA == null || transB == null) {
            throw new IllegalArgumentException(op + ": transA and transB must be N or T, not null");
        }
        // A is stored m x k (N) or k x m (T); B k x n (N) or n x k (T); with m, n or k zero nothing is read.
        int aRows = transA == Transpose.N ? m : k;
        int aCols = transA == Transpose.N ? k : m;
        int bRows = transB == Transpose.N ? k : n;
        int bCols = transB == Transpose.N ? n : k;
        boolean readsAb = m > 0 && n > 0 && k > 0;
        if (readsAb) {
            Shapes.checkMatrixRange(op + " A (" + aRows + "x" + aCols + " stored, op " + transA + ")", a,
                    elementBytes, aOff, aRows, aCols, lda);
            Shapes.checkMatrixRange(op + " B (" + bRows + "x" + bCols + " stored, op " + transB + ")", b,
                    elementBytes, bOff, bRows, bCols, ldb);
        }
        Shapes.checkMatrixRange(op + " C (" + m + "x" + n + ")", c, elementBytes, cOff, m, n, ldc);
        if (readsAb && m > 0 && n > 0) {
            long cStart = cOff * elementBytes;
            long cEnd = (cOff + (m - 1L) * ldc + n) * elementBytes;
            if (Overlap.overlaps(c, cStart, cEnd, a, aOff * elementBytes,
                    (aOff + (aRows - 1L) * lda + aCols) * elementBytes)) {
                throw new IllegalArgumentException(op + ": C (" + m + "x" + n + ") overlaps A in memory");
            }
            if (Overlap.overlaps(c, cStart, cEnd, b, bOff * elementBytes,
                    (bOff + (bRows - 1L) * ldb + bCols) * elementBytes)) {
                throw new IllegalArgumentException(op + ": C (" + m + "x" + n + ") overlaps B in memory");
            }
        }
    }

    // ---- Level 1, on vector views ----

    /** x . y in float32. */
    public float dot(F32Vector x, F32Vector y) {
        checkSameLength("dot", x.length(), y.length());
        return sdot(x.length(), x.segment(), x.offset(), x.stride(), y.segment(), y.offset(), y.stride());
    }

    /** x . y in float64. */
    public double dot(F64Vector x, F64Vector y) {
        checkSameLength("dot", x.length(), y.length());
        return ddot(x.length(), x.segment(), x.offset(), x.stride(), y.segment(), y.offset(), y.stride());
    }

    /** y += alpha * x in float32. */
    public void axpy(float alpha, F32Vector x, F32Vector y) {
        checkSameLength("axpy", x.length(), y.length());
        saxpy(x.length(), alpha, x.segment(), x.offset(), x.stride(), y.segment(), y.offset(), y.stride());
    }

    /** y += alpha * x in float64. */
    public void axpy(double alpha, F64Vector x, F64Vector y) {
        checkSameLength("axpy", x.length(), y.length());
        daxpy(x.length(), alpha, x.segment(), x.offset(), x.stride(), y.segment(), y.offset(), y.stride());
    }

    // ---- Level 1, BLAS-shaped on raw segments (offsets and increments in elements) ----

    public float sdot(int n, MemorySegment x, long xOff, int incX, MemorySegment y, long yOff, int incY) {
        Shapes.checkVectorRange("sdot x", x, Float.BYTES, xOff, n, incX);
        Shapes.checkVectorRange("sdot y", y, Float.BYTES, yOff, n, incY);
        return blas1.sdot(n, x, xOff, incX, y, yOff, incY);
    }

    public double ddot(int n, MemorySegment x, long xOff, int incX, MemorySegment y, long yOff, int incY) {
        Shapes.checkVectorRange("ddot x", x, Double.BYTES, xOff, n, incX);
        Shapes.checkVectorRange("ddot y", y, Double.BYTES, yOff, n, incY);
        return blas1.ddot(n, x, xOff, incX, y, yOff, incY);
    }

    public void saxpy(int n, float alpha, MemorySegment x, long xOff, int incX, MemorySegment y, long yOff, int incY) {
        Shapes.checkVectorRange("saxpy x", x, Float.BYTES, xOff, n, incX);
        Shapes.checkVectorRange("saxpy y", y, Float.BYTES, yOff, n, incY);
        Overlap.checkInPlaceOrDisjoint("saxpy", Float.BYTES, n, x, xOff, incX, y, yOff, incY);
        blas1.saxpy(n, alpha, x, xOff, incX, y, yOff, incY);
    }

    public void daxpy(int n, double alpha, MemorySegment x, long xOff, int incX, MemorySegment y, long yOff, int incY) {
        Shapes.checkVectorRange("daxpy x", x, Double.BYTES, xOff, n, incX);
        Shapes.checkVectorRange("daxpy y", y, Double.BYTES, yOff, n, incY);
        Overlap.checkInPlaceOrDisjoint("daxpy", Double.BYTES, n, x, xOff, incX, y, yOff, incY);
        blas1.daxpy(n, alpha, x, xOff, incX, y, yOff, incY);
    }

    private static void checkSameLength(String op, int xLength, int yLength) {
        if (xLength != yLength) {
            throw new IllegalArgumentException(op + ": x has length " + xLength + " but y has length " + yLength);
        }
    }

    private static final class Preferred {
        static final Kernels INSTANCE = new Kernels(KernelProviders.preferred());
    }
}
