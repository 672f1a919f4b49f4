package dev.rosenblatt.kernels;

import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.F32Vector;
import dev.rosenblatt.kernels.memory.F64Matrix;
import dev.rosenblatt.kernels.memory.F64Vector;
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

    private Kernels(KernelProvider provider) {
        this.provider = provider;
        this.blas1 = provider.blas1();
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
        String name = op.label() + "Forward";
        ElementwiseArgs e = ElementwiseArgs.of(name, "out,in", out, in);
        provider.activations().forwardF32(op, param, e.rows, e.cols, out.segment(), out.offset(), e.ld[0],
                in.segment(), in.offset(), e.ld[1]);
    }

    /** dIn += dOut * f'(in) elementwise, in being the forward's input. */
    public void activationBackward(Activation op, float param, F32Matrix dIn, F32Matrix dOut, F32Matrix in) {
        String name = op.label() + "Backward";
        ElementwiseArgs e = ElementwiseArgs.of(name, "dIn,dOut,in", dIn, dOut, in);
        provider.activations().backwardF32(op, param, e.rows, e.cols, dIn.segment(), dIn.offset(), e.ld[0],
                dOut.segment(), dOut.offset(), e.ld[1], in.segment(), in.offset(), e.ld[2]);
    }

    public void activationForward(Activation op, double param, F64Matrix out, F64Matrix in) {
        String name = op.label() + "Forward";
        ElementwiseArgs e = ElementwiseArgs.of(name, "out,in", out, in);
        provider.activations().forwardF64(op, param, e.rows, e.cols, out.segment(), out.offset(), e.ld[0],
                in.segment(), in.offset(), e.ld[1]);
    }

    public void activationBackward(Activation op, double param, F64Matrix dIn, F64Matrix dOut, F64Matrix in) {
        String name = op.label() + "Backward";
        ElementwiseArgs e = ElementwiseArgs.of(name, "dIn,dOut,in", dIn, dOut, in);
        provider.activations().backwardF64(op, param, e.rows, e.cols, dIn.segment(), dIn.offset(), e.ld[0],
                dOut.segment(), dOut.offset(), e.ld[1], in.segment(), in.offset(), e.ld[2]);
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
