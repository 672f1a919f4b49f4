package dev.rosenblatt.kernels.memory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** A float64 vector view over off-heap memory; see {@link VectorLayout}. */
public final class F64Vector extends VectorLayout {

    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    private F64Vector(MemorySegment segment, long offset, int length, int stride) {
        super(segment, offset, length, stride, Double.BYTES);
    }

    /** A view of {@code length} elements of a caller's segment from element {@code offset}, {@code stride} apart. */
    public static F64Vector wrap(MemorySegment segment, long offset, int length, int stride) {
        return new F64Vector(segment, offset, length, stride);
    }

    @Override
    String kind() {
        return "F64Vector";
    }

    public double get(int i) {
        return segment.getAtIndex(DOUBLE, index(i));
    }

    public void set(int i, double value) {
        segment.setAtIndex(DOUBLE, index(i), value);
    }

    /** Elements [from, from + count); no copy. */
    public F64Vector slice(int from, int count) {
        return new F64Vector(segment, sliceOffset(from, count), count, stride);
    }

    public void copyFrom(double[] values) {
        checkArrayLength(values.length);
        for (int i = 0; i < length; i++) {
            segment.setAtIndex(DOUBLE, offset + (long) i * stride, values[i]);
        }
    }

    public double[] toArray() {
        double[] out = new double[length];
        checkArrayLength(out.length);
        for (int i = 0; i < length; i++) {
            out[i] = segment.getAtIndex(DOUBLE, offset + (long) i * stride);
        }
        return out;
    }

    public void fill(double value) {
        checkAlive();
        for (int i = 0; i < length; i++) {
            segment.setAtIndex(DOUBLE, offset + (long) i * stride, value);
        }
    }
}
