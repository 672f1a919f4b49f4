package dev.rosenblatt.kernels.memory;

import java.lang.foreign.MemorySegment;

/**
 * Where a vector's elements lie in a segment: element i sits at element {@code offset + i * stride}. Shared by
 * {@link F32Vector} and {@link F64Vector}; a matrix column is a vector with stride ld, a row one with stride 1.
 */
public abstract sealed class VectorLayout permits F32Vector, F64Vector {

    final MemorySegment segment;
    final long offset;
    final int length;
    final int stride;

    VectorLayout(MemorySegment segment, long offset, int length, int stride, int elementBytes) {
        Shapes.checkVectorRange(kind() + " of length " + length, segment, elementBytes, offset, length, stride);
        this.segment = segment;
        this.offset = offset;
        this.length = length;
        this.stride = stride;
    }

    abstract String kind();

    public final int length() {
        return length;
    }

    /** Distance in elements between consecutive elements (1 for contiguous vectors). */
    public final int stride() {
        return stride;
    }

    /** Element offset of element 0 in {@link #segment()}. */
    public final long offset() {
        return offset;
    }

    /** The memory underneath (the whole block, not only this view). */
    public final MemorySegment segment() {
        return segment;
    }

    public final boolean isAlive() {
        return segment.scope().isAlive();
    }

    /** Throws when the memory's arena is closed; the message (and its string) is made only then. */
    final void checkAlive() {
        if (!segment.scope().isAlive()) {
            Shapes.checkAlive(segment, describe());
        }
    }

    /** "F32Vector[17]", for messages. */
    public final String describe() {
        return kind() + "[" + length + "]" + (stride == 1 ? "" : " (stride " + stride + ")");
    }

    @Override
    public String toString() {
        return describe() + " [offset " + offset + "]";
    }

    final long index(int i) {
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException("element " + i + " is outside " + describe());
        }
        checkAlive();
        return offset + (long) i * stride;
    }

    final long sliceOffset(int from, int count) {
        if (from < 0 || count < 0 || (long) from + count > length) {
            throw new IndexOutOfBoundsException("slice of " + count + " elements from " + from + " does not fit in "
                    + describe());
        }
        checkAlive();
        return offset + (long) from * stride;
    }

    final void checkArrayLength(int arrayLength) {
        if (arrayLength != length) {
            throw new IllegalArgumentException("an array of " + arrayLength + " elements does not match "
                    + describe());
        }
        checkAlive();
    }
}
