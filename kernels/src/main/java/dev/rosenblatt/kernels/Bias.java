package dev.rosenblatt.kernels;

import java.lang.foreign.MemorySegment;

/**
 * Bias rows: forward adds the bias to every row of a row-major block, backward accumulates the column sums of the
 * upstream gradient into the bias gradient. Bias vectors are {@code inc} elements apart. Unchecked; see
 * {@link Kernels}.
 */
public interface Bias {

    /** m[i, j] += b[j]. */
    void addF32(int rows, int cols, MemorySegment m, long mOff, long ld, MemorySegment b, long bOff, int incB);

    /** dB[j] += sum over i of dOut[i, j]. */
    void gradF32(int rows, int cols, MemorySegment dB, long dBOff, int incDB, MemorySegment dOut, long dOff, long ld);

    void addF64(int rows, int cols, MemorySegment m, long mOff, long ld, MemorySegment b, long bOff, int incB);

    void gradF64(int rows, int cols, MemorySegment dB, long dBOff, int incDB, MemorySegment dOut, long dOff, long ld);
}
