package dev.rosenblatt.kernels.scalar;

import dev.rosenblatt.kernels.Bias;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Bias add and bias gradient as plain loops; the gradient sums each column down the rows in order. */
public final class ScalarBias implements Bias {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    @Override
    public void addF32(int rows, int cols, MemorySegment m, long mOff, long ld, MemorySegment b, long bOff, int incB) {
        for (int i = 0; i < rows; i++) {
            long r = mOff + i * ld;
            for (int j = 0; j < cols; j++) {
                m.setAtIndex(F32, r + j, m.getAtIndex(F32, r + j) + b.getAtIndex(F32, bOff + (long) j * incB));
            }
        }
    }

    @Override
    public void gradF32(int rows, int cols, MemorySegment dB, long dBOff, int incDB, MemorySegment dOut, long dOff,
                        long ld) {
        for (int j = 0; j < cols; j++) {
            float s = 0f;
            for (int i = 0; i < rows; i++) {
                s += dOut.getAtIndex(F32, dOff + i * ld + j);
            }
            long bj = dBOff + (long) j * incDB;
            dB.setAtIndex(F32, bj, dB.getAtIndex(F32, bj) + s);
        }
    }

    @Override
    public void addF64(int rows, int cols, MemorySegment m, long mOff, long ld, MemorySegment b, long bOff, int incB) {
        for (int i = 0; i < rows; i++) {
            long r = mOff + i * ld;
            for (int j = 0; j < cols; j++) {
                m.setAtIndex(F64, r + j, m.getAtIndex(F64, r + j) + b.getAtIndex(F64, bOff + (long) j * incB));
            }
        }
    }

    @Override
    public void gradF64(int rows, int cols, MemorySegment dB, long dBOff, int incDB, MemorySegment dOut, long dOff,
                        long ld) {
        for (int j = 0; j < cols; j++) {
            double s = 0;
            for (int i = 0; i < rows; i++) {
                s += dOut.getAtIndex(F64, dOff + i * ld + j);
            }
            long bj = dBOff + (long) j * incDB;
            dB.setAtIndex(F64, bj, dB.getAtIndex(F64, bj) + s);
        }
    }
}
