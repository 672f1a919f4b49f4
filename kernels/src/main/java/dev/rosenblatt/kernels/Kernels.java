package dev.rosenblatt.kernels;

import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.F32Vector;
import dev.rosenblatt.kernels.memory.F64Matrix;
import dev.rosenblatt.kernels.memory.F64Vector;
import dev.rosenblatt.kernels.memory.MatrixLayout;
import dev.rosenblatt.kernels.memory.Shapes;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * The public entry to every kernel: checks shapes, ranges, overlaps and lifetimes once, with messages that name
 * them, then calls the provider's unchecked kernel. Bound to one provider: {@link #preferred()} for the one chosen
 * at run time, {@link #of(KernelProvider)} to pin one (tests compare scalar and SIMD this way).
 */
public final class Kernels {

    /** "reluForward", ...: operation names for messages, made once so that a call builds no string. */
    private static final String[] FORWARD_NAMES = new String[Activation.values().length];
    private static final String[] BACKWARD_NAMES = new String[Activation.values().length];

    static {
        for (Activation a : Activation.values()) {
            String base = a.label().replace("_r", "R").replace("_e", "E").replace("_t", "T");
            FORWARD_NAMES[a.ordinal()] = base + "Forward";
            BACKWARD_NAMES[a.ordinal()] = base + "Backward";
        }
    }

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
        gemmViews(alpha, a, b, beta, c, threads, null);
    }

    /**
     * C := alpha A B + beta C in float32, then {@code epilogue} on blocks of C that together cover it, each run by
     * the thread that computed it right after computing it (see {@link GemmEpilogue}); block coordinates are those
     * of C as given, transposed or not.
     */
    public void gemm(float alpha, F32Matrix a, F32Matrix b, float beta, F32Matrix c, int threads,
                     GemmEpilogue epilogue) {
        gemmViews(alpha, a, b, beta, c, threads, Objects.requireNonNull(epilogue, "epilogue"));
    }

    /** Both view overloads: a transposed C as C^T = B^T A^T, the epilogue's blocks turned back (null: none). */
    private void gemmViews(float alpha, F32Matrix a, F32Matrix b, float beta, F32Matrix c, int threads,
                           GemmEpilogue epilogue) {
        checkGemmShapes(a, b, c);
        if (c.isTransposed()) {
            gemmViews(alpha, b.transpose(), a.transpose(), beta, c.transpose(), threads,
                    epilogue == null ? null : (r0, r1, c0, c1) -> epilogue.apply(c0, c1, r0, r1));
            return;
        }
        checkGemmArguments("sgemm", Float.BYTES, op(a), op(b), c.rows(), c.cols(), a.cols(), a.segment(), a.offset(),
                a.ld(), b.segment(), b.offset(), b.ld(), c.segment(), c.offset(), c.ld(), threads);
        gemm.sgemm(op(a), op(b), c.rows(), c.cols(), a.cols(), alpha, a.segment(), a.offset(), a.ld(),
                b.segment(), b.offset(), b.ld(), beta, c.segment(), c.offset(), c.ld(), threads, epilogue);
    }

    /** C := alpha A B + beta C in float64, on {@link Threads#defaultCount()} threads. */
    public void gemm(double alpha, F64Matrix a, F64Matrix b, double beta, F64Matrix c) {
        gemm(alpha, a, b, beta, c, Threads.defaultCount());
    }

    /** C := alpha A B + beta C in float64; see the float32 overload. */
    public void gemm(double alpha, F64Matrix a, F64Matrix b, double beta, F64Matrix c, int threads) {
        gemmViews(alpha, a, b, beta, c, threads, null);
    }

    /** C := alpha A B + beta C in float64, then {@code epilogue}; see the float32 overload. */
    public void gemm(double alpha, F64Matrix a, F64Matrix b, double beta, F64Matrix c, int threads,
                     GemmEpilogue epilogue) {
        gemmViews(alpha, a, b, beta, c, threads, Objects.requireNonNull(epilogue, "epilogue"));
    }

    /** Both view overloads: a transposed C as C^T = B^T A^T, the epilogue's blocks turned back (null: none). */
    private void gemmViews(double alpha, F64Matrix a, F64Matrix b, double beta, F64Matrix c, int threads,
                           GemmEpilogue epilogue) {
        checkGemmShapes(a, b, c);
        if (c.isTransposed()) {
            gemmViews(alpha, b.transpose(), a.transpose(), beta, c.transpose(), threads,
                    epilogue == null ? null : (r0, r1, c0, c1) -> epilogue.apply(c0, c1, r0, r1));
            return;
        }
        checkGemmArguments("dgemm", Double.BYTES, op(a), op(b), c.rows(), c.cols(), a.cols(), a.segment(), a.offset(),
                a.ld(), b.segment(), b.offset(), b.ld(), c.segment(), c.offset(), c.ld(), threads);
        gemm.dgemm(op(a), op(b), c.rows(), c.cols(), a.cols(), alpha, a.segment(), a.offset(), a.ld(),
                b.segment(), b.offset(), b.ld(), beta, c.segment(), c.offset(), c.ld(), threads, epilogue);
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
            if (!Shapes.matrixFits(a, elementBytes, aOff, aRows, aCols, lda)) {
                Shapes.checkMatrixRange(op + " A (" + aRows + "x" + aCols + " stored, op " + transA + ")", a,
                        elementBytes, aOff, aRows, aCols, lda);
            }
            if (!Shapes.matrixFits(b, elementBytes, bOff, bRows, bCols, ldb)) {
                Shapes.checkMatrixRange(op + " B (" + bRows + "x" + bCols + " stored, op " + transB + ")", b,
                        elementBytes, bOff, bRows, bCols, ldb);
            }
        }
        if (!Shapes.matrixFits(c, elementBytes, cOff, m, n, ldc)) { // the message is built only on failure
            Shapes.checkMatrixRange(op + " C (" + m + "x" + n + ")", c, elementBytes, cOff, m, n, ldc);
        }
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

    // ---- Elementwise (issue 4): activations, softmax, bias, losses, reductions, optimizer updates ----
    //
    // Matrices are row-major views; an elementwise kernel also takes transposed views when all of its operands are
    // transposed alike (it then walks the stored rows). An output may be its input exactly (in place) but may not
    // overlap it otherwise. Forward kernels overwrite their output; backward kernels accumulate (dIn += ...); loss
    // gradients overwrite. See Activation for each function and its derivative.

    public void identityForward(F32Matrix out, F32Matrix in) {
        activationForward(Activation.IDENTITY, 0f, out, in);
    }

    public void identityBackward(F32Matrix dIn, F32Matrix dOut, F32Matrix in) {
        activationBackward(Activation.IDENTITY, 0f, dIn, dOut, in);
    }

    public void stepForward(F32Matrix out, F32Matrix in) {
        activationForward(Activation.STEP, 0f, out, in);
    }

    public void stepBackward(F32Matrix dIn, F32Matrix dOut, F32Matrix in) {
        activationBackward(Activation.STEP, 0f, dIn, dOut, in);
    }

    public void sigmoidForward(F32Matrix out, F32Matrix in) {
        activationForward(Activation.SIGMOID, 0f, out, in);
    }

    public void sigmoidBackward(F32Matrix dIn, F32Matrix dOut, F32Matrix in) {
        activationBackward(Activation.SIGMOID, 0f, dIn, dOut, in);
    }

    public void tanhForward(F32Matrix out, F32Matrix in) {
        activationForward(Activation.TANH, 0f, out, in);
    }

    public void tanhBackward(F32Matrix dIn, F32Matrix dOut, F32Matrix in) {
        activationBackward(Activation.TANH, 0f, dIn, dOut, in);
    }

    public void reluForward(F32Matrix out, F32Matrix in) {
        activationForward(Activation.RELU, 0f, out, in);
    }

    public void reluBackward(F32Matrix dIn, F32Matrix dOut, F32Matrix in) {
        activationBackward(Activation.RELU, 0f, dIn, dOut, in);
    }

    public void leakyReluForward(F32Matrix out, F32Matrix in, float slope) {
        activationForward(Activation.LEAKY_RELU, slope, out, in);
    }

    public void leakyReluBackward(F32Matrix dIn, F32Matrix dOut, F32Matrix in, float slope) {
        activationBackward(Activation.LEAKY_RELU, slope, dIn, dOut, in);
    }

    public void eluForward(F32Matrix out, F32Matrix in, float alpha) {
        activationForward(Activation.ELU, alpha, out, in);
    }

    public void eluBackward(F32Matrix dIn, F32Matrix dOut, F32Matrix in, float alpha) {
        activationBackward(Activation.ELU, alpha, dIn, dOut, in);
    }

    public void geluErfForward(F32Matrix out, F32Matrix in) {
        activationForward(Activation.GELU_ERF, 0f, out, in);
    }

    public void geluErfBackward(F32Matrix dIn, F32Matrix dOut, F32Matrix in) {
        activationBackward(Activation.GELU_ERF, 0f, dIn, dOut, in);
    }

    public void geluTanhForward(F32Matrix out, F32Matrix in) {
        activationForward(Activation.GELU_TANH, 0f, out, in);
    }

    public void geluTanhBackward(F32Matrix dIn, F32Matrix dOut, F32Matrix in) {
        activationBackward(Activation.GELU_TANH, 0f, dIn, dOut, in);
    }

    public void siluForward(F32Matrix out, F32Matrix in) {
        activationForward(Activation.SILU, 0f, out, in);
    }

    public void siluBackward(F32Matrix dIn, F32Matrix dOut, F32Matrix in) {
        activationBackward(Activation.SILU, 0f, dIn, dOut, in);
    }

    public void softplusForward(F32Matrix out, F32Matrix in) {
        activationForward(Activation.SOFTPLUS, 0f, out, in);
    }

    public void softplusBackward(F32Matrix dIn, F32Matrix dOut, F32Matrix in) {
        activationBackward(Activation.SOFTPLUS, 0f, dIn, dOut, in);
    }

    public void identityForward(F64Matrix out, F64Matrix in) {
        activationForward(Activation.IDENTITY, 0, out, in);
    }

    public void identityBackward(F64Matrix dIn, F64Matrix dOut, F64Matrix in) {
        activationBackward(Activation.IDENTITY, 0, dIn, dOut, in);
    }

    public void stepForward(F64Matrix out, F64Matrix in) {
        activationForward(Activation.STEP, 0, out, in);
    }

    public void stepBackward(F64Matrix dIn, F64Matrix dOut, F64Matrix in) {
        activationBackward(Activation.STEP, 0, dIn, dOut, in);
    }

    public void sigmoidForward(F64Matrix out, F64Matrix in) {
        activationForward(Activation.SIGMOID, 0, out, in);
    }

    public void sigmoidBackward(F64Matrix dIn, F64Matrix dOut, F64Matrix in) {
        activationBackward(Activation.SIGMOID, 0, dIn, dOut, in);
    }

    public void tanhForward(F64Matrix out, F64Matrix in) {
        activationForward(Activation.TANH, 0, out, in);
    }

    public void tanhBackward(F64Matrix dIn, F64Matrix dOut, F64Matrix in) {
        activationBackward(Activation.TANH, 0, dIn, dOut, in);
    }

    public void reluForward(F64Matrix out, F64Matrix in) {
        activationForward(Activation.RELU, 0, out, in);
    }

    public void reluBackward(F64Matrix dIn, F64Matrix dOut, F64Matrix in) {
        activationBackward(Activation.RELU, 0, dIn, dOut, in);
    }

    public void leakyReluForward(F64Matrix out, F64Matrix in, double slope) {
        activationForward(Activation.LEAKY_RELU, slope, out, in);
    }

    public void leakyReluBackward(F64Matrix dIn, F64Matrix dOut, F64Matrix in, double slope) {
        activationBackward(Activation.LEAKY_RELU, slope, dIn, dOut, in);
    }

    public void eluForward(F64Matrix out, F64Matrix in, double alpha) {
        activationForward(Activation.ELU, alpha, out, in);
    }

    public void eluBackward(F64Matrix dIn, F64Matrix dOut, F64Matrix in, double alpha) {
        activationBackward(Activation.ELU, alpha, dIn, dOut, in);
    }

    public void geluErfForward(F64Matrix out, F64Matrix in) {
        activationForward(Activation.GELU_ERF, 0, out, in);
    }

    public void geluErfBackward(F64Matrix dIn, F64Matrix dOut, F64Matrix in) {
        activationBackward(Activation.GELU_ERF, 0, dIn, dOut, in);
    }

    public void geluTanhForward(F64Matrix out, F64Matrix in) {
        activationForward(Activation.GELU_TANH, 0, out, in);
    }

    public void geluTanhBackward(F64Matrix dIn, F64Matrix dOut, F64Matrix in) {
        activationBackward(Activation.GELU_TANH, 0, dIn, dOut, in);
    }

    public void siluForward(F64Matrix out, F64Matrix in) {
        activationForward(Activation.SILU, 0, out, in);
    }

    public void siluBackward(F64Matrix dIn, F64Matrix dOut, F64Matrix in) {
        activationBackward(Activation.SILU, 0, dIn, dOut, in);
    }

    public void softplusForward(F64Matrix out, F64Matrix in) {
        activationForward(Activation.SOFTPLUS, 0, out, in);
    }

    public void softplusBackward(F64Matrix dIn, F64Matrix dOut, F64Matrix in) {
        activationBackward(Activation.SOFTPLUS, 0, dIn, dOut, in);
    }

    /** out = f(in) elementwise; {@code param} is the slope (leaky ReLU) or alpha (ELU), ignored otherwise. */
    public void activationForward(Activation op, float param, F32Matrix out, F32Matrix in) {
        long e = ElementwiseArgs.walk(FORWARD_NAMES[op.ordinal()], "out,in", out, in);
        provider.activations().forwardF32(op, param, ElementwiseArgs.rows(e, out), ElementwiseArgs.cols(e, out),
                out.segment(), out.offset(), ElementwiseArgs.ld(e, out), in.segment(), in.offset(),
                ElementwiseArgs.ld(e, in));
    }

    /** dIn += dOut * f'(in) elementwise, in being the forward's input. */
    public void activationBackward(Activation op, float param, F32Matrix dIn, F32Matrix dOut, F32Matrix in) {
        long e = ElementwiseArgs.walk(BACKWARD_NAMES[op.ordinal()], "dIn,dOut,in", dIn, dOut, in);
        provider.activations().backwardF32(op, param, ElementwiseArgs.rows(e, dIn), ElementwiseArgs.cols(e, dIn),
                dIn.segment(), dIn.offset(), ElementwiseArgs.ld(e, dIn), dOut.segment(), dOut.offset(),
                ElementwiseArgs.ld(e, dOut), in.segment(), in.offset(), ElementwiseArgs.ld(e, in));
    }

    public void activationForward(Activation op, double param, F64Matrix out, F64Matrix in) {
        long e = ElementwiseArgs.walk(FORWARD_NAMES[op.ordinal()], "out,in", out, in);
        provider.activations().forwardF64(op, param, ElementwiseArgs.rows(e, out), ElementwiseArgs.cols(e, out),
                out.segment(), out.offset(), ElementwiseArgs.ld(e, out), in.segment(), in.offset(),
                ElementwiseArgs.ld(e, in));
    }

    public void activationBackward(Activation op, double param, F64Matrix dIn, F64Matrix dOut, F64Matrix in) {
        long e = ElementwiseArgs.walk(BACKWARD_NAMES[op.ordinal()], "dIn,dOut,in", dIn, dOut, in);
        provider.activations().backwardF64(op, param, ElementwiseArgs.rows(e, dIn), ElementwiseArgs.cols(e, dIn),
                dIn.segment(), dIn.offset(), ElementwiseArgs.ld(e, dIn), dOut.segment(), dOut.offset(),
                ElementwiseArgs.ld(e, dOut), in.segment(), in.offset(), ElementwiseArgs.ld(e, in));
    }

    /** Each row of out = softmax of that row of in (max subtracted first, so no exp overflows). */
    public void softmaxForward(F32Matrix out, F32Matrix in) {
        ElementwiseArgs.rows("softmaxForward", "out,in", out, in);
        provider.activations().softmaxForwardF32(false, in.rows(), in.cols(), out.segment(), out.offset(), out.ld(),
                in.segment(), in.offset(), in.ld());
    }

    public void softmaxForward(F64Matrix out, F64Matrix in) {
        ElementwiseArgs.rows("softmaxForward", "out,in", out, in);
        provider.activations().softmaxForwardF64(false, in.rows(), in.cols(), out.segment(), out.offset(), out.ld(),
                in.segment(), in.offset(), in.ld());
    }

    /** Each row of out = log-softmax of that row of in: (x - max) - log sum exp(x - max). */
    public void logSoftmaxForward(F32Matrix out, F32Matrix in) {
        ElementwiseArgs.rows("logSoftmaxForward", "out,in", out, in);
        provider.activations().softmaxForwardF32(true, in.rows(), in.cols(), out.segment(), out.offset(), out.ld(),
                in.segment(), in.offset(), in.ld());
    }

    public void logSoftmaxForward(F64Matrix out, F64Matrix in) {
        ElementwiseArgs.rows("logSoftmaxForward", "out,in", out, in);
        provider.activations().softmaxForwardF64(true, in.rows(), in.cols(), out.segment(), out.offset(), out.ld(),
                in.segment(), in.offset(), in.ld());
    }

    /** dIn += y (dOut - rowsum(dOut y)), y being softmaxForward's output. */
    public void softmaxBackward(F32Matrix dIn, F32Matrix dOut, F32Matrix y) {
        ElementwiseArgs.rows("softmaxBackward", "dIn,dOut,y", dIn, dOut, y);
        provider.activations().softmaxBackwardF32(false, y.rows(), y.cols(), dIn.segment(), dIn.offset(), dIn.ld(),
                dOut.segment(), dOut.offset(), dOut.ld(), y.segment(), y.offset(), y.ld());
    }

    public void softmaxBackward(F64Matrix dIn, F64Matrix dOut, F64Matrix y) {
        ElementwiseArgs.rows("softmaxBackward", "dIn,dOut,y", dIn, dOut, y);
        provider.activations().softmaxBackwardF64(false, y.rows(), y.cols(), dIn.segment(), dIn.offset(), dIn.ld(),
                dOut.segment(), dOut.offset(), dOut.ld(), y.segment(), y.offset(), y.ld());
    }

    /** dIn += dOut - exp(y) rowsum(dOut), y being logSoftmaxForward's output. */
    public void logSoftmaxBackward(F32Matrix dIn, F32Matrix dOut, F32Matrix y) {
        ElementwiseArgs.rows("logSoftmaxBackward", "dIn,dOut,y", dIn, dOut, y);
        provider.activations().softmaxBackwardF32(true, y.rows(), y.cols(), dIn.segment(), dIn.offset(), dIn.ld(),
                dOut.segment(), dOut.offset(), dOut.ld(), y.segment(), y.offset(), y.ld());
    }

    public void logSoftmaxBackward(F64Matrix dIn, F64Matrix dOut, F64Matrix y) {
        ElementwiseArgs.rows("logSoftmaxBackward", "dIn,dOut,y", dIn, dOut, y);
        provider.activations().softmaxBackwardF64(true, y.rows(), y.cols(), dIn.segment(), dIn.offset(), dIn.ld(),
                dOut.segment(), dOut.offset(), dOut.ld(), y.segment(), y.offset(), y.ld());
    }

    // ---- Bias ----

    /** out[i, j] += bias[j] for every row i (in place). */
    public void biasForward(F32Matrix out, F32Vector bias) {
        checkBias("biasForward", out, bias.length(), bias.segment(), bias.offset(), bias.stride(), Float.BYTES);
        provider.bias().addF32(out.rows(), out.cols(), out.segment(), out.offset(), out.ld(), bias.segment(),
                bias.offset(), bias.stride());
    }

    public void biasForward(F64Matrix out, F64Vector bias) {
        checkBias("biasForward", out, bias.length(), bias.segment(), bias.offset(), bias.stride(), Double.BYTES);
        provider.bias().addF64(out.rows(), out.cols(), out.segment(), out.offset(), out.ld(), bias.segment(),
                bias.offset(), bias.stride());
    }

    /** dBias[j] += sum over rows of dOut[i, j] (accumulates). */
    public void biasBackward(F32Vector dBias, F32Matrix dOut) {
        checkBias("biasBackward", dOut, dBias.length(), dBias.segment(), dBias.offset(), dBias.stride(), Float.BYTES);
        provider.bias().gradF32(dOut.rows(), dOut.cols(), dBias.segment(), dBias.offset(), dBias.stride(),
                dOut.segment(), dOut.offset(), dOut.ld());
    }

    public void biasBackward(F64Vector dBias, F64Matrix dOut) {
        checkBias("biasBackward", dOut, dBias.length(), dBias.segment(), dBias.offset(), dBias.stride(), Double.BYTES);
        provider.bias().gradF64(dOut.rows(), dOut.cols(), dBias.segment(), dBias.offset(), dBias.stride(),
                dOut.segment(), dOut.offset(), dOut.ld());
    }

    private static void checkBias(String op, MatrixLayout m, int length, MemorySegment b, long bOff, int inc,
                                  int bytes) {
        ElementwiseArgs.rows(op, "matrix", m);
        if (length != m.cols()) {
            throw new IllegalArgumentException(op + ": the bias has length " + length + " but " + m.describe()
                    + " has " + m.cols() + " columns");
        }
        if (!Shapes.vectorFits(b, bytes, bOff, length, inc)) {
            Shapes.checkVectorRange(op + " bias", b, bytes, bOff, length, inc);
        }
        long mStart = m.offset() * bytes;
        long mEnd = (m.offset() + (m.rows() - 1L) * m.ld() + m.cols()) * bytes;
        long bEnd = (bOff + (long) (length - 1) * inc + 1) * bytes;
        if (m.size() > 0 && Overlap.overlaps(m.segment(), mStart, mEnd, b, bOff * bytes, bEnd)) {
            throw new IllegalArgumentException(op + ": the bias overlaps " + m.describe());
        }
    }

    // ---- Losses: the value averaged over the batch; the gradient (when grad is not null) overwrites grad ----

    /** (1/B) sum over the batch of ||pred_i - target_i||^2; grad = 2 (pred - target) / B. */
    public double mseLoss(F32Matrix grad, F32Matrix pred, F32Matrix target) {
        checkLoss("mseLoss", grad, pred, target);
        return provider.losses().mseF32(pred.rows(), pred.cols(), seg(grad), off(grad), ld(grad), pred.segment(),
                pred.offset(), pred.ld(), target.segment(), target.offset(), target.ld());
    }

    public double mseLoss(F64Matrix grad, F64Matrix pred, F64Matrix target) {
        checkLoss("mseLoss", grad, pred, target);
        return provider.losses().mseF64(pred.rows(), pred.cols(), seg(grad), off(grad), ld(grad), pred.segment(),
                pred.offset(), pred.ld(), target.segment(), target.offset(), target.ld());
    }

    /** Binary cross-entropy from logits, targets in [0, 1]; grad = (sigmoid(logits) - target) / B. */
    public double bceWithLogitsLoss(F32Matrix grad, F32Matrix logits, F32Matrix target) {
        checkLoss("bceWithLogitsLoss", grad, logits, target);
        return provider.losses().bceLogitsF32(logits.rows(), logits.cols(), seg(grad), off(grad), ld(grad),
                logits.segment(), logits.offset(), logits.ld(), target.segment(), target.offset(), target.ld());
    }

    public double bceWithLogitsLoss(F64Matrix grad, F64Matrix logits, F64Matrix target) {
        checkLoss("bceWithLogitsLoss", grad, logits, target);
        return provider.losses().bceLogitsF64(logits.rows(), logits.cols(), seg(grad), off(grad), ld(grad),
                logits.segment(), logits.offset(), logits.ld(), target.segment(), target.offset(), target.ld());
    }

    /**
     * Softmax cross-entropy from logits with one class label per row (labels[i] in [0, cols)), fused;
     * grad = (softmax(logits) - onehot(labels)) / B.
     */
    public double softmaxCrossEntropyLoss(F32Matrix grad, F32Matrix logits, int[] labels) {
        checkLoss("softmaxCrossEntropyLoss", grad, logits, logits);
        checkLabels("softmaxCrossEntropyLoss", labels, logits.rows(), logits.cols());
        return provider.losses().softmaxCrossEntropyF32(logits.rows(), logits.cols(), seg(grad), off(grad), ld(grad),
                logits.segment(), logits.offset(), logits.ld(), labels, 0);
    }

    public double softmaxCrossEntropyLoss(F64Matrix grad, F64Matrix logits, int[] labels) {
        checkLoss("softmaxCrossEntropyLoss", grad, logits, logits);
        checkLabels("softmaxCrossEntropyLoss", labels, logits.rows(), logits.cols());
        return provider.losses().softmaxCrossEntropyF64(logits.rows(), logits.cols(), seg(grad), off(grad), ld(grad),
                logits.segment(), logits.offset(), logits.ld(), labels, 0);
    }

    /**
     * Hinge with targets in {-1, +1}: (1/B) sum max(0, margin - target * score); margin 1 is the SVM hinge, margin 0
     * the perceptron criterion. grad = -target / B where the margin is violated, else 0.
     */
    public double hingeLoss(F32Matrix grad, F32Matrix scores, F32Matrix target, float margin) {
        checkLoss("hingeLoss", grad, scores, target);
        return provider.losses().hingeF32(margin, scores.rows(), scores.cols(), seg(grad), off(grad), ld(grad),
                scores.segment(), scores.offset(), scores.ld(), target.segment(), target.offset(), target.ld());
    }

    public double hingeLoss(F64Matrix grad, F64Matrix scores, F64Matrix target, double margin) {
        checkLoss("hingeLoss", grad, scores, target);
        return provider.losses().hingeF64(margin, scores.rows(), scores.cols(), seg(grad), off(grad), ld(grad),
                scores.segment(), scores.offset(), scores.ld(), target.segment(), target.offset(), target.ld());
    }

    private static void checkLoss(String op, MatrixLayout grad, MatrixLayout pred, MatrixLayout target) {
        if (grad == null) {
            ElementwiseArgs.rows(op, "prediction,target", pred, target);
        } else {
            ElementwiseArgs.rows(op, "grad,prediction,target", grad, pred, target);
        }
        if (pred.rows() == 0) {
            throw new IllegalArgumentException(op + ": the batch is empty (" + pred.describe() + "), so there is no "
                    + "average");
        }
    }

    private static void checkLabels(String op, int[] labels, int rows, int cols) {
        if (labels.length != rows) {
            throw new IllegalArgumentException(op + ": " + labels.length + " labels for a batch of " + rows + " rows");
        }
        for (int i = 0; i < rows; i++) {
            if (labels[i] < 0 || labels[i] >= cols) {
                throw new IndexOutOfBoundsException(op + ": label " + labels[i] + " of row " + i + " is outside [0, "
                        + cols + ")");
            }
        }
    }

    private static MemorySegment seg(MatrixLayout m) {
        return m == null ? null : m.segment();
    }

    private static long off(MatrixLayout m) {
        return m == null ? 0 : m.offset();
    }

    private static long ld(MatrixLayout m) {
        return m == null ? 0 : m.ld();
    }

    // ---- Reductions (the dot product is dot(x, y) above) ----

    public float sum(F32Vector x) {
        Shapes.checkVectorRange("sum x", x.segment(), Float.BYTES, x.offset(), x.length(), x.stride());
        return provider.reductions().sumF32(x.length(), x.segment(), x.offset(), x.stride());
    }

    /** ||x||^2. */
    public float sumSquares(F32Vector x) {
        Shapes.checkVectorRange("sumSquares x", x.segment(), Float.BYTES, x.offset(), x.length(), x.stride());
        return provider.reductions().sumSquaresF32(x.length(), x.segment(), x.offset(), x.stride());
    }

    /** The largest element (NaN if any is NaN); -infinity for an empty vector. */
    public float max(F32Vector x) {
        Shapes.checkVectorRange("max x", x.segment(), Float.BYTES, x.offset(), x.length(), x.stride());
        return provider.reductions().maxF32(x.length(), x.segment(), x.offset(), x.stride());
    }

    /** out[i] = the column of row i's largest element (the first on ties; the first NaN if any). */
    public void argmaxRows(int[] out, F32Matrix m) {
        ElementwiseArgs.rows("argmaxRows", "matrix", m);
        if (out.length != m.rows()) {
            throw new IllegalArgumentException("argmaxRows: out has length " + out.length + " but " + m.describe()
                    + " has " + m.rows() + " rows");
        }
        if (m.cols() == 0 && m.rows() > 0) {
            throw new IllegalArgumentException("argmaxRows: " + m.describe() + " has no columns to choose from");
        }
        provider.reductions().argmaxRowsF32(m.rows(), m.cols(), m.segment(), m.offset(), m.ld(), out, 0);
    }

    // ---- Work in parts on the GEMM's threads ----

    /** The most parts {@link #parallel} takes. */
    public static final int MAX_PARTS = 1024;

    /**
     * Runs {@code task.run(p)} for p = 0 .. parts - 1, each exactly once, and returns when all are done: part 0 on
     * this thread, the others on the GEMM's worker threads (the SIMD provider; the scalar one runs them here, in
     * turn). For splitting elementwise work, such as an optimizer step, between the threads of a training step; see
     * {@link PartTask} for what a part may touch. A failure in any part is thrown here once all parts have ended.
     * Allocates nothing when {@code task} is kept from call to call.
     */
    public void parallel(int parts, PartTask task) {
        if (parts < 1 || parts > MAX_PARTS) {
            throw new IllegalArgumentException("parallel: " + parts + " parts; expected 1 to " + MAX_PARTS
                    + " (each part beyond the first may start a thread)");
        }
        if (task == null) {
            throw new IllegalArgumentException("parallel: the task is null");
        }
        provider.runParts(parts, task);
    }

    // ---- Optimizer updates, in place on contiguous vectors ----

    /** p -= lr g. */
    public void sgdUpdate(F32Vector p, F32Vector g, float lr) {
        checkUpdate("sgdUpdate", "p,g", p, g);
        provider.optimizers().sgd(p.length(), lr, p.segment(), p.offset(), g.segment(), g.offset());
    }

    /** v = mu v + g; p -= lr v (or, Nesterov, p -= lr (g + mu v)). */
    public void momentumUpdate(F32Vector p, F32Vector g, F32Vector velocity, float lr, float mu, boolean nesterov) {
        checkUpdate("momentumUpdate", "p,g,velocity", p, g, velocity);
        provider.optimizers().momentum(p.length(), lr, mu, nesterov, p.segment(), p.offset(), g.segment(), g.offset(),
                velocity.segment(), velocity.offset());
    }

    /** Adam with bias correction; {@code step} counts from 1. */
    public void adamUpdate(F32Vector p, F32Vector g, F32Vector m, F32Vector v, float lr, float beta1, float beta2,
                           float eps, long step) {
        adamWUpdate(p, g, m, v, lr, beta1, beta2, eps, 0f, step);
    }

    /** AdamW: Adam plus decoupled weight decay p -= lr wd p; {@code step} counts from 1. */
    public void adamWUpdate(F32Vector p, F32Vector g, F32Vector m, F32Vector v, float lr, float beta1, float beta2,
                            float eps, float weightDecay, long step) {
        checkUpdate("adamUpdate", "p,g,m,v", p, g, m, v);
        if (step < 1) {
            throw new IllegalArgumentException("adamUpdate: step " + step + " must count from 1");
        }
        provider.optimizers().adam(p.length(), lr, beta1, beta2, eps, weightDecay, step, p.segment(), p.offset(),
                g.segment(), g.offset(), m.segment(), m.offset(), v.segment(), v.offset());
    }

    /** L2 weight decay as a gradient term: g += lambda p. */
    public void l2WeightDecay(F32Vector g, F32Vector p, float lambda) {
        checkUpdate("l2WeightDecay", "g,p", g, p);
        provider.optimizers().l2WeightDecay(g.length(), lambda, g.segment(), g.offset(), p.segment(), p.offset());
    }

    /**
     * Scales every gradient by maxNorm / norm when their global norm sqrt(sum ||g_k||^2) exceeds maxNorm; returns
     * that norm (before clipping). A NaN norm is returned as is and nothing is scaled.
     */
    public double clipByGlobalNorm(double maxNorm, F32Vector... grads) {
        double sumSquares = 0;
        for (int k = 0; k < grads.length; k++) {
            checkUpdate("clipByGlobalNorm", "gradient", grads[k]);
            sumSquares += provider.reductions().sumSquaresF32(grads[k].length(), grads[k].segment(),
                    grads[k].offset(), 1);
        }
        double norm = Math.sqrt(sumSquares);
        if (norm > maxNorm) {
            float alpha = (float) (maxNorm / norm);
            for (F32Vector g : grads) {
                provider.optimizers().scale(g.length(), alpha, g.segment(), g.offset());
            }
        }
        return norm;
    }

    /**
     * Same lengths, contiguous, alive, and no two operands sharing memory. Allocation-free unless a check fails
     * (optimizer steps run every training step); names are split only for a message.
     */
    private static void checkUpdate(String op, String names, F32Vector a) {
        checkUpdate(op, names, a, null, null, null);
    }

    private static void checkUpdate(String op, String names, F32Vector a, F32Vector b) {
        checkUpdate(op, names, a, b, null, null);
    }

    private static void checkUpdate(String op, String names, F32Vector a, F32Vector b, F32Vector c) {
        checkUpdate(op, names, a, b, c, null);
    }

    /** Fixed arity (trailing nulls ignored): a varargs array would be allocated on every optimizer step. */
    private static void checkUpdate(String op, String names, F32Vector a, F32Vector b, F32Vector c, F32Vector d) {
        int count = d != null ? 4 : c != null ? 3 : b != null ? 2 : 1;
        for (int k = 0; k < count; k++) {
            F32Vector v = pick(k, a, b, c, d);
            if (v.length() != a.length()) {
                String[] name = names.split(",");
                throw new IllegalArgumentException(op + ": " + name[0] + " has length " + a.length() + " but "
                        + name[k] + " has length " + v.length());
            }
            if (v.stride() != 1 && v.length() > 1) {
                throw new IllegalArgumentException(op + ": " + names.split(",")[k] + " (" + v.describe()
                        + ") must be contiguous");
            }
            if (!v.isAlive()) {
                Shapes.checkAlive(v.segment(), op + " " + names.split(",")[k]);
            }
            for (int l = 0; l < k; l++) {
                long bytes = (long) v.length() * Float.BYTES;
                F32Vector u = pick(l, a, b, c, d);
                if (Overlap.overlaps(v.segment(), v.offset() * Float.BYTES, v.offset() * Float.BYTES + bytes,
                        u.segment(), u.offset() * Float.BYTES, u.offset() * Float.BYTES + bytes)) {
                    String[] name = names.split(",");
                    throw new IllegalArgumentException(op + ": " + name[k] + " and " + name[l] + " share memory");
                }
            }
        }
    }

    private static F32Vector pick(int k, F32Vector a, F32Vector b, F32Vector c, F32Vector d) {
        return k == 0 ? a : k == 1 ? b : k == 2 ? c : d;
    }

    // ---- end of the elementwise section ----

    private static void checkSameLength(String op, int xLength, int yLength) {
        if (xLength != yLength) {
            throw new IllegalArgumentException(op + ": x has length " + xLength + " but y has length " + yLength);
        }
    }

    private static final class Preferred {
        static final Kernels INSTANCE = new Kernels(KernelProviders.preferred());
    }
}
