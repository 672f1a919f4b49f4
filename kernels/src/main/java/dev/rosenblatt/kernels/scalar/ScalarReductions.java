package dev.rosenblatt.kernels.scalar;

import dev.rosenblatt.kernels.Reductions;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Reductions in element order with one accumulator. */
public final class ScalarReductions implements Reductions {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    @Override
    public float sumF32(int n, MemorySegment x, long off, int inc) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += x.getAtIndex(F32, off + (long) i * inc);
        }
        return s;
    }

    @Override
    public float sumSquaresF32(int n, MemorySegment x, long off, int inc) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            float v = x.getAtIndex(F32, off + (long) i * inc);
            s = Math.fma(v, v, s);
        }
        return s;
    }

    @Override
    public float maxF32(int n, MemorySegment x, long off, int inc) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, x.getAtIndex(F32, off + (long) i * inc));
        }
        return m;
    }

    @Override
    public void argmaxRowsF32(int rows, int cols, MemorySegment m, long off, long ld, int[] out, int outOff) {
        for (int i = 0; i < rows; i++) {
            long r = off + i * ld;
            int best = 0;
            float max = m.getAtIndex(F32, r);
            for (int j = 1; j < cols && max == max; j++) {
                float v = m.getAtIndex(F32, r + j);
                if (v > max || v != v) {
                    max = v;
                    best = j;
                }
            }
            out[outOff + i] = best;
        }
    }
}
