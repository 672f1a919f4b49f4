package dev.rosenblatt.kernels;

import dev.rosenblatt.kernels.memory.F32Vector;
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

    private static void checkSameLength(String op, int xLength, int yLength) {
        if (xLength != yLength) {
            throw new IllegalArgumentException(op + ": x has length " + xLength + " but y has length " + yLength);
        }
    }

    private static final class Preferred {
        static final Kernels INSTANCE = new Kernels(KernelProviders.preferred());
    }
}
