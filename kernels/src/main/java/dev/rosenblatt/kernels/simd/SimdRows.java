package dev.rosenblatt.kernels.simd;

import dev.rosenblatt.kernels.scalar.ScalarMath;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.rosenblatt.kernels.simd.SimdSpecies.ORDER;

/**
 * The passes over one row that softmax, log-softmax, softmax cross-entropy and max share. Each is a method of its
 * own with only scalars and segments in its signature, on purpose: written out inside a kernel that already holds
 * several vector loops, the exp helpers and loads were refused inlining (C2's NodeCountInliningCutoff) and every
 * vector crossing those calls was boxed. Measured 2026-11-26 with JMH (RowsBenchmark, 1024 x 1024, 1 thread):
 * softmax allocated 12.6 MB per call (12 bytes a float) and ran at 3.0 GB/s. Offsets are in elements.
 */
final class SimdRows {

    private static final VectorSpecies<Float> F = SimdSpecies.F32;
    private static final int FL = F.length();
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private SimdRows() {
    }

    /**
     * The largest of n floats from element x, with Math.max's rules (NaN wins, +0 above -0), which make the result
     * independent of the order: two accumulators keep two max chains in flight instead of one.
     */
    static float max(MemorySegment s, long x, int n) {
        FloatVector m0 = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        FloatVector m1 = m0;
        int j = 0;
        for (int bound2 = n - n % (2 * FL); j < bound2; j += 2 * FL) {
            m0 = m0.max(FloatVector.fromMemorySegment(F, s, (x + j) * Float.BYTES, ORDER));
            m1 = m1.max(FloatVector.fromMemorySegment(F, s, (x + j + FL) * Float.BYTES, ORDER));
        }
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            m0 = m0.max(FloatVector.fromMemorySegment(F, s, (x + j) * Float.BYTES, ORDER));
        }
        float max = m0.max(m1).reduceLanes(VectorOperators.MAX);
        for (; j < n; j++) {
            max = Math.max(max, s.getAtIndex(F32, x + j));
        }
        return max;
    }

    /**
     * The sum of e^(s[x + j] - max) over n floats, one vector accumulator then the tail (the order the kernels have
     * always used); each term is also stored at element o of out unless out is null.
     */
    static float expSum(MemorySegment s, long x, int n, float max, MemorySegment out, long o) {
        FloatVector sumV = FloatVector.zero(F);
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector e = SimdMath.exp(FloatVector.fromMemorySegment(F, s, (x + j) * Float.BYTES, ORDER).sub(max));
            sumV = e.add(sumV);
            if (out != null) {
                e.intoMemorySegment(out, (o + j) * Float.BYTES, ORDER);
            }
        }
        float sum = sumV.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            float e = ScalarMath.exp(s.getAtIndex(F32, x + j) - max);
            sum += e;
            if (out != null) {
                out.setAtIndex(F32, o + j, e);
            }
        }
        return sum;
    }

    /** out[o + j] *= factor for n floats, in place. */
    static void scale(MemorySegment out, long o, int n, float factor) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            long b = (o + j) * Float.BYTES;
            FloatVector.fromMemorySegment(F, out, b, ORDER).mul(factor).intoMemorySegment(out, b, ORDER);
        }
        for (; j < n; j++) {
            out.setAtIndex(F32, o + j, out.getAtIndex(F32, o + j) * factor);
        }
    }

    /** out[o + j] = (s[x + j] - max) - lse for n floats: log-softmax once the row's max and log-sum are known. */
    static void shift(MemorySegment s, long x, int n, float max, float lse, MemorySegment out, long o) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector.fromMemorySegment(F, s, (x + j) * Float.BYTES, ORDER).sub(max).sub(lse)
                    .intoMemorySegment(out, (o + j) * Float.BYTES, ORDER);
        }
        for (; j < n; j++) {
            out.setAtIndex(F32, o + j, (s.getAtIndex(F32, x + j) - max) - lse);
        }
    }
}
