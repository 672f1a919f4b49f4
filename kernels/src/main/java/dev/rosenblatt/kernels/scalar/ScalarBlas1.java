package dev.rosenblatt.kernels.scalar;

import dev.rosenblatt.kernels.Blas1;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Level-1 BLAS as the textbook loops, in element order, one accumulator. */
public final class ScalarBlas1 implements Blas1 {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    @Override
    public float sdot(int n, MemorySegment x, long xOff, int incX, MemorySegment y, long yOff, int incY) {
        float sum = 0f;
        for (int i = 0; i < n; i++) {
            sum += x.getAtIndex(F32, xOff + (long) i * incX) * y.getAtIndex(F32, yOff + (long) i * incY);
        }
        return sum;
    }

    @Override
    public double ddot(int n, MemorySegment x, long xOff, int incX, MemorySegment y, long yOff, int incY) {
        double sum = 0d;
        for (int i = 0; i < n; i++) {
            sum += x.getAtIndex(F64, xOff + (long) i * incX) * y.getAtIndex(F64, yOff + (long) i * incY);
        }
        return sum;
    }

    @Override
    public void saxpy(int n, float alpha, MemorySegment x, long xOff, int incX, MemorySegment y, long yOff, int incY) {
        for (int i = 0; i < n; i++) {
            long yi = yOff + (long) i * incY;
            y.setAtIndex(F32, yi, y.getAtIndex(F32, yi) + alpha * x.getAtIndex(F32, xOff + (long) i * incX));
        }
    }

    @Override
    public void daxpy(int n, double alpha, MemorySegment x, long xOff, int incX, MemorySegment y, long yOff, int incY) {
        for (int i = 0; i < n; i++) {
            long yi = yOff + (long) i * incY;
            y.setAtIndex(F64, yi, y.getAtIndex(F64, yi) + alpha * x.getAtIndex(F64, xOff + (long) i * incX));
        }
    }
}
