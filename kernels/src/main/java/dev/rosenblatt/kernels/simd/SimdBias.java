package dev.rosenblatt.kernels.simd;

import dev.rosenblatt.kernels.Bias;
import dev.rosenblatt.kernels.scalar.ScalarBias;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.rosenblatt.kernels.simd.SimdSpecies.ORDER;

/**
 * Bias rows with the Vector API. The gradient walks a strip of one vector of columns down all the rows (so each
 * column's sum is in row order, as in the scalar twin), then the next strip; strided bias vectors and float64 take
 * the scalar loops.
 */
final class SimdBias implements Bias {

    private static final VectorSpecies<Float> F = SimdSpecies.F32;
    private static final int FL = F.length();
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private final ScalarBias scalar = new ScalarBias();

    @Override
    public void addF32(int rows, int cols, MemorySegment m, long mOff, long ld, MemorySegment b, long bOff, int incB) {
        if (incB != 1) {
            scalar.addF32(rows, cols, m, mOff, ld, b, bOff, incB);
            return;
        }
        int bound = F.loopBound(cols);
        for (int i = 0; i < rows; i++) {
            long r = mOff + i * ld;
            int j = 0;
            for (; j < bound; j += FL) {
                FloatVector.fromMemorySegment(F, m, (r + j) * Float.BYTES, ORDER)
                        .add(FloatVector.fromMemorySegment(F, b, (bOff + j) * Float.BYTES, ORDER))
                        .intoMemorySegment(m, (r + j) * Float.BYTES, ORDER);
            }
            for (; j < cols; j++) {
                m.setAtIndex(F32, r + j, m.getAtIndex(F32, r + j) + b.getAtIndex(F32, bOff + j));
            }
        }
    }

    @Override
    public void gradF32(int rows, int cols, MemorySegment dB, long dBOff, int incDB, MemorySegment dOut, long dOff,
                        long ld) {
        if (incDB != 1) {
            scalar.gradF32(rows, cols, dB, dBOff, incDB, dOut, dOff, ld);
            return;
        }
        int j = 0;
        for (int bound = F.loopBound(cols); j < bound; j += FL) {
            FloatVector s = FloatVector.zero(F);
            for (int i = 0; i < rows; i++) {
                s = s.add(FloatVector.fromMemorySegment(F, dOut, (dOff + i * ld + j) * Float.BYTES, ORDER));
            }
            FloatVector.fromMemorySegment(F, dB, (dBOff + j) * Float.BYTES, ORDER).add(s)
                    .intoMemorySegment(dB, (dBOff + j) * Float.BYTES, ORDER);
        }
        for (; j < cols; j++) {
            float s = 0f;
            for (int i = 0; i < rows; i++) {
                s += dOut.getAtIndex(F32, dOff + i * ld + j);
            }
            dB.setAtIndex(F32, dBOff + j, dB.getAtIndex(F32, dBOff + j) + s);
        }
    }

    @Override
    public void addF64(int rows, int cols, MemorySegment m, long mOff, long ld, MemorySegment b, long bOff, int incB) {
        scalar.addF64(rows, cols, m, mOff, ld, b, bOff, incB);
    }

    @Override
    public void gradF64(int rows, int cols, MemorySegment dB, long dBOff, int incDB, MemorySegment dOut, long dOff,
                        long ld) {
        scalar.gradF64(rows, cols, dB, dBOff, incDB, dOut, dOff, ld);
    }
}
