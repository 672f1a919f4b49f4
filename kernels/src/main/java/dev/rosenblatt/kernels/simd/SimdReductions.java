package dev.rosenblatt.kernels.simd;

import dev.rosenblatt.kernels.Reductions;
import dev.rosenblatt.kernels.scalar.ScalarReductions;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.rosenblatt.kernels.simd.SimdSpecies.ORDER;

/**
 * Reductions with the Vector API: two accumulators (two add chains in flight), reduced once; scalar tail. Strided
 * operands take the scalar loops.
 */
final class SimdReductions implements Reductions {

    private static final VectorSpecies<Float> F = SimdSpecies.F32;
    private static final int FL = F.length();
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private final ScalarReductions scalar = new ScalarReductions();

    @Override
    public float sumF32(int n, MemorySegment x, long off, int inc) {
        if (inc != 1) {
            return scalar.sumF32(n, x, off, inc);
        }
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        int i = 0;
        for (int bound2 = n - n % (2 * FL); i < bound2; i += 2 * FL) {
            a0 = a0.add(FloatVector.fromMemorySegment(F, x, (off + i) * Float.BYTES, ORDER));
            a1 = a1.add(FloatVector.fromMemorySegment(F, x, (off + i + FL) * Float.BYTES, ORDER));
        }
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            a0 = a0.add(FloatVector.fromMemorySegment(F, x, (off + i) * Float.BYTES, ORDER));
        }
        float s = a0.add(a1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += x.getAtIndex(F32, off + i);
        }
        return s;
    }

    @Override
    public float sumSquaresF32(int n, MemorySegment x, long off, int inc) {
        if (inc != 1) {
            return scalar.sumSquaresF32(n, x, off, inc);
        }
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        int i = 0;
        for (int bound2 = n - n % (2 * FL); i < bound2; i += 2 * FL) {
            FloatVector v0 = FloatVector.fromMemorySegment(F, x, (off + i) * Float.BYTES, ORDER);
            FloatVector v1 = FloatVector.fromMemorySegment(F, x, (off + i + FL) * Float.BYTES, ORDER);
            a0 = v0.fma(v0, a0);
            a1 = v1.fma(v1, a1);
        }
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            FloatVector v = FloatVector.fromMemorySegment(F, x, (off + i) * Float.BYTES, ORDER);
            a0 = v.fma(v, a0);
        }
        float s = a0.add(a1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            float v = x.getAtIndex(F32, off + i);
            s = Math.fma(v, v, s);
        }
        return s;
    }

    @Override
    public float maxF32(int n, MemorySegment x, long off, int inc) {
        if (inc != 1) {
            return scalar.maxF32(n, x, off, inc);
        }
        return SimdRows.max(x, off, n);
    }

    @Override
    public void argmaxRowsF32(int rows, int cols, MemorySegment m, long off, long ld, int[] out, int outOff) {
        int bound = F.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            long row = off + r * ld;
            float max = maxF32(cols, m, row, 1);
            boolean nan = max != max;
            int best = -1;
            int j = 0;
            for (; j < bound && best < 0; j += FL) {
                FloatVector v = FloatVector.fromMemorySegment(F, m, (row + j) * Float.BYTES, ORDER);
                int lane = (nan ? v.test(VectorOperators.IS_NAN) : v.compare(VectorOperators.EQ, max)).firstTrue();
                if (lane < FL) {
                    best = j + lane;
                }
            }
            for (; j < cols && best < 0; j++) {
                float v = m.getAtIndex(F32, row + j);
                if (nan ? v != v : v == max) {
                    best = j;
                }
            }
            out[outOff + r] = Math.max(best, 0);
        }
    }
}
