package dev.rosenblatt.kernels.memory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** A float32 matrix view over off-heap memory; see {@link MatrixLayout} for how elements are laid out. */
public final class F32Matrix extends MatrixLayout {

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private F32Matrix(MemorySegment segment, long offset, int rows, int cols, long ld, boolean transposed) {
        super(segment, offset, rows, cols, ld, transposed, Float.BYTES);
    }

    /**
     * A row-major rows x cols view of a caller's own segment (a memory-mapped file, say), starting at element
     * {@code offset} with leading dimension {@code ld}. Nothing is copied; the caller's arena stays the owner.
     */
    public static F32Matrix wrap(MemorySegment segment, long offset, int rows, int cols, long ld) {
        return new F32Matrix(segment, offset, rows, cols, ld, false);
    }

    @Override
    String kind() {
        return "F32Matrix";
    }

    public float get(int i, int j) {
        return segment.getAtIndex(FLOAT, index(i, j));
    }

    public void set(int i, int j, float value) {
        segment.setAtIndex(FLOAT, index(i, j), value);
    }

    /** The rows x cols block whose top-left element is (row, col); no copy. */
    public F32Matrix view(int row, int col, int viewRows, int viewCols) {
        return new F32Matrix(segment, viewOffset(row, col, viewRows, viewCols), viewRows, viewCols, ld, transposed);
    }

    /** Rows [from, from + count); no copy. */
    public F32Matrix rowRange(int from, int count) {
        return view(from, 0, count, cols);
    }

    /** The transpose as a view; no copy. */
    public F32Matrix transpose() {
        return new F32Matrix(segment, offset, cols, rows, ld, !transposed);
    }

    /** Row i as a vector view (strided when this view is transposed). */
    public F32Vector row(int i) {
        long start = viewOffset(i, 0, 1, cols);
        return F32Vector.wrap(segment, start, cols, transposed ? Math.toIntExact(ld) : 1);
    }

    /** Column j as a vector view (strided unless this view is transposed). */
    public F32Vector column(int j) {
        long start = viewOffset(0, j, rows, 1);
        return F32Vector.wrap(segment, start, rows, transposed ? 1 : Math.toIntExact(ld));
    }

    /** Copies a row-major array of rows * cols elements in. */
    public void copyFrom(float[] rowMajor) {
        checkArrayLength(rowMajor.length);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                segment.setAtIndex(FLOAT, at(i, j), rowMajor[i * cols + j]);
            }
        }
    }

    /** Copies the elements of {@code source}, which must have the same shape, in. */
    public void copyFrom(F32Matrix source) {
        checkSameShape(source);
        checkAlive();
        source.checkAlive();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                segment.setAtIndex(FLOAT, at(i, j), source.segment.getAtIndex(FLOAT, source.at(i, j)));
            }
        }
    }

    /** The elements as a new row-major array. */
    public float[] toArray() {
        float[] out = new float[Math.toIntExact(size())];
        checkArrayLength(out.length);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = segment.getAtIndex(FLOAT, at(i, j));
            }
        }
        return out;
    }

    /** Sets every element to {@code value}. */
    public void fill(float value) {
        checkAlive();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                segment.setAtIndex(FLOAT, at(i, j), value);
            }
        }
    }

    /** Unchecked index, for loops whose bounds were checked once. */
    private long at(int i, int j) {
        return transposed ? offset + (long) j * ld + i : offset + (long) i * ld + j;
    }
}
