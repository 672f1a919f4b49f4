package dev.rosenblatt.kernels;

import java.lang.foreign.MemorySegment;

/**
 * Reductions in float32 over n elements {@code inc} apart (the dot product is {@link Blas1}'s), and argmax over
 * rows. NaN anywhere gives NaN (and argmax the index of the first NaN, as if NaN were the largest). Unchecked; see
 * {@link Kernels}.
 */
public interface Reductions {

    float sumF32(int n, MemorySegment x, long off, int inc);

    /** sum of x^2. */
    float sumSquaresF32(int n, MemorySegment x, long off, int inc);

    /** The largest element; -infinity for n = 0. */
    float maxF32(int n, MemorySegment x, long off, int inc);

    /** out[outOff + i] = the column of the largest element of row i (the first one on ties). */
    void argmaxRowsF32(int rows, int cols, MemorySegment m, long off, long ld, int[] out, int outOff);
}
