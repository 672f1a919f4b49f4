package dev.rosenblatt.kernels.simd;

import dev.rosenblatt.kernels.Blas1;
import dev.rosenblatt.kernels.scalar.ScalarBlas1;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.rosenblatt.kernels.simd.SimdSpecies.ORDER;

/**
 * Level-1 BLAS with the Vector API. Contiguous operands (increment 1) take the vector loop: four independent
 * accumulators for the dot products, so that four FMA chains are in flight, reduced once at the end; a scalar
 * tail finishes the last n mod lanes elements. Strided operands take the scalar loop: a gather costs more than
 * it saves at these sizes.
 */
final class SimdBlas1 implements Blas1 {

    private static final VectorSpecies<Float> F = SimdSpecies.F32;
    private static final VectorSpecies<Double> D = SimdSpecies.F64;
    private static final int FL = F.length();
    private static final int DL = D.length();
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    private final ScalarBlas1 strided = new ScalarBlas1();

    @Override
    public float sdot(int n, MemorySegment x, long xOff, int incX, MemorySegment y, long yOff, int incY) {
        if (incX != 1 || incY != 1) {
            return strided.sdot(n, x, xOff, incX, y, yOff, incY);
        }
        long xb = xOff * Float.BYTES;
        long yb = yOff * Float.BYTES;
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        FloatVector acc3 = FloatVector.zero(F);
        int i = 0;
        int bound4 = n - n % (4 * FL);
        for (; i < bound4; i += 4 * FL) {
            long xo = xb + (long) i * Float.BYTES;
            long yo = yb + (long) i * Float.BYTES;
            acc0 = FloatVector.fromMemorySegment(F, x, xo, ORDER)
                    .fma(FloatVector.fromMemorySegment(F, y, yo, ORDER), acc0);
            acc1 = FloatVector.fromMemorySegment(F, x, xo + FL * Float.BYTES, ORDER)
                    .fma(FloatVector.fromMemorySegment(F, y, yo + FL * Float.BYTES, ORDER), acc1);
            acc2 = FloatVector.fromMemorySegment(F, x, xo + 2L * FL * Float.BYTES, ORDER)
                    .fma(FloatVector.fromMemorySegment(F, y, yo + 2L * FL * Float.BYTES, ORDER), acc2);
            acc3 = FloatVector.fromMemorySegment(F, x, xo + 3L * FL * Float.BYTES, ORDER)
                    .fma(FloatVector.fromMemorySegment(F, y, yo + 3L * FL * Float.BYTES, ORDER), acc3);
        }
        int bound = F.loopBound(n);
        for (; i < bound; i += FL) {
            acc0 = FloatVector.fromMemorySegment(F, x, xb + (long) i * Float.BYTES, ORDER)
                    .fma(FloatVector.fromMemorySegment(F, y, yb + (long) i * Float.BYTES, ORDER), acc0);
        }
        float sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum = Math.fma(x.getAtIndex(F32, xOff + i), y.getAtIndex(F32, yOff + i), sum);
        }
        return sum;
    }

    @Override
    public double ddot(int n, MemorySegment x, long xOff, int incX, MemorySegment y, long yOff, int incY) {
        if (incX != 1 || incY != 1) {
            return strided.ddot(n, x, xOff, incX, y, yOff, incY);
        }
        long xb = xOff * Double.BYTES;
        long yb = yOff * Double.BYTES;
        DoubleVector acc0 = DoubleVector.zero(D);
        DoubleVector acc1 = DoubleVector.zero(D);
        DoubleVector acc2 = DoubleVector.zero(D);
        DoubleVector acc3 = DoubleVector.zero(D);
        int i = 0;
        int bound4 = n - n % (4 * DL);
        for (; i < bound4; i += 4 * DL) {
            long xo = xb + (long) i * Double.BYTES;
            long yo = yb + (long) i * Double.BYTES;
            acc0 = DoubleVector.fromMemorySegment(D, x, xo, ORDER)
                    .fma(DoubleVector.fromMemorySegment(D, y, yo, ORDER), acc0);
            acc1 = DoubleVector.fromMemorySegment(D, x, xo + DL * Double.BYTES, ORDER)
                    .fma(DoubleVector.fromMemorySegment(D, y, yo + DL * Double.BYTES, ORDER), acc1);
            acc2 = DoubleVector.fromMemorySegment(D, x, xo + 2L * DL * Double.BYTES, ORDER)
                    .fma(DoubleVector.fromMemorySegment(D, y, yo + 2L * DL * Double.BYTES, ORDER), acc2);
            acc3 = DoubleVector.fromMemorySegment(D, x, xo + 3L * DL * Double.BYTES, ORDER)
                    .fma(DoubleVector.fromMemorySegment(D, y, yo + 3L * DL * Double.BYTES, ORDER), acc3);
        }
        int bound = D.loopBound(n);
        for (; i < bound; i += DL) {
            acc0 = DoubleVector.fromMemorySegment(D, x, xb + (long) i * Double.BYTES, ORDER)
                    .fma(DoubleVector.fromMemorySegment(D, y, yb + (long) i * Double.BYTES, ORDER), acc0);
        }
        double sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum = Math.fma(x.getAtIndex(F64, xOff + i), y.getAtIndex(F64, yOff + i), sum);
        }
        return sum;
    }

    @Override
    public void saxpy(int n, float alpha, MemorySegment x, long xOff, int incX, MemorySegment y, long yOff, int incY) {
        if (incX != 1 || incY != 1) {
            strided.saxpy(n, alpha, x, xOff, incX, y, yOff, incY);
            return;
        }
        FloatVector a = FloatVector.broadcast(F, alpha);
        long xb = xOff * Float.BYTES;
        long yb = yOff * Float.BYTES;
        int i = 0;
        int bound = F.loopBound(n);
        for (; i < bound; i += FL) {
            long xo = xb + (long) i * Float.BYTES;
            long yo = yb + (long) i * Float.BYTES;
            FloatVector.fromMemorySegment(F, x, xo, ORDER)
                    .fma(a, FloatVector.fromMemorySegment(F, y, yo, ORDER))
                    .intoMemorySegment(y, yo, ORDER);
        }
        for (; i < n; i++) {
            y.setAtIndex(F32, yOff + i, Math.fma(alpha, x.getAtIndex(F32, xOff + i), y.getAtIndex(F32, yOff + i)));
        }
    }

    @Override
    public void daxpy(int n, double alpha, MemorySegment x, long xOff, int incX, MemorySegment y, long yOff, int incY) {
        if (incX != 1 || incY != 1) {
            strided.daxpy(n, alpha, x, xOff, incX, y, yOff, incY);
            return;
        }
        DoubleVector a = DoubleVector.broadcast(D, alpha);
        long xb = xOff * Double.BYTES;
        long yb = yOff * Double.BYTES;
        int i = 0;
        int bound = D.loopBound(n);
        for (; i < bound; i += DL) {
            long xo = xb + (long) i * Double.BYTES;
            long yo = yb + (long) i * Double.BYTES;
            DoubleVector.fromMemorySegment(D, x, xo, ORDER)
                    .fma(a, DoubleVector.fromMemorySegment(D, y, yo, ORDER))
                    .intoMemorySegment(y, yo, ORDER);
        }
        for (; i < n; i++) {
            y.setAtIndex(F64, yOff + i, Math.fma(alpha, x.getAtIndex(F64, xOff + i), y.getAtIndex(F64, yOff + i)));
        }
    }
}
