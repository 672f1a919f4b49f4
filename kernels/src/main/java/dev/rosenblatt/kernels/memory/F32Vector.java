package dev.rosenblatt.kernels.memory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** A float32 vector view over off-heap memory; see {@link VectorLayout}. */
public final class F32Vector extends VectorLayout {

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private F32Vector(MemorySegment segment, long offset, int length, int stride) {
        super(segment, offset, length, stride, Float.BYTES);
    }

    /** A view of {@code length} elements of a caller's segment from element {@code offset}, {@code stride} apart. */
    public static F32Vector wrap(MemorySegment segment, long offset, int length, int stride) {
        return new F32Vector(segment, offset, length, stride);
    }

    @Override
    String kind() {
        return "F32Vector";
    }

    public float get(int i) {
        return segment.getAtIndex(FLOAT, index(i));
    }

    public void set(int i, float value) {
        segment.setAtIndex(FLOAT, index(i), value);
    }

    /** Elements [from, from + count); no copy. */
    public F32Vector slice(int from, int count) {
        return new F32Vector(segment, sliceOffset(from, count), count, stride);
    }

    public void copyFrom(float[] values) {
        checkArrayLength(values.length);
        for (int i = 0; i < length; i++) {
            segment.setAtIndex(FLOAT, offset + (long) i * stride, values[i]);
        }
    }

    public float[] toArray() {
        float[] out = new float[length];
        checkArrayLength(out.length);
        for (int i = 0; i < length; i++) {
            out[i] = segment.getAtIndex(FLOAT, offset + (long) i * stride);
        }
        return out;
    }

    public void fill(float value) {
        checkAlive();
        for (int i = 0; i < length; i++) {
            segment.setAtIndex(FLOAT, offset + (long) i * stride, value);
        }
    }
}
