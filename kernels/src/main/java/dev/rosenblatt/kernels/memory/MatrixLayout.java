package dev.rosenblatt.kernels.memory;

import java.lang.foreign.MemorySegment;

/**
 * Where a matrix's elements lie in a segment: shared by {@link F32Matrix} and {@link F64Matrix}.
 *
 * <p>Storage is row-major with a leading dimension {@code ld}: stored element (r, c) sits at element
 * {@code offset + r * ld + c}. A transposed view swaps the roles of rows and columns without moving anything,
 * so that logical element (i, j) of a transposed view is stored element (j, i). Sub-matrix and row-range views
 * move the offset and keep ld. None of them copies.
 */
public abstract sealed class MatrixLayout permits F32Matrix, F64Matrix {

    final MemorySegment segment;
    final long offset;
    final int rows;
    final int cols;
    final long ld;
    final boolean transposed;

    MatrixLayout(MemorySegment segment, long offset, int rows, int cols, long ld, boolean transposed, int elementBytes) {
        int storedRows = transposed ? cols : rows;
        int storedCols = transposed ? rows : cols;
        Shapes.checkMatrixRange(kind() + " " + rows + "x" + cols, segment, elementBytes, offset, storedRows,
                storedCols, ld);
        this.segment = segment;
        this.offset = offset;
        this.rows = rows;
        this.cols = cols;
        this.ld = ld;
        this.transposed = transposed;
    }

    abstract String kind();

    /** Number of rows. */
    public final int rows() {
        return rows;
    }

    /** Number of columns. */
    public final int cols() {
        return cols;
    }

    /** rows * cols. */
    public final long size() {
        return (long) rows * cols;
    }

    /** Distance in elements between the starts of two consecutive stored rows. */
    public final long ld() {
        return ld;
    }

    /** Element offset of the first element in {@link #segment()}. */
    public final long offset() {
        return offset;
    }

    /** Whether this is a transposed view: then the stored rows are this matrix's columns. */
    public final boolean isTransposed() {
        return transposed;
    }

    /** The memory underneath (the whole block, not only this view). */
    public final MemorySegment segment() {
        return segment;
    }

    /** Whether the rows (columns, for a transposed view) follow each other with no gap. */
    public final boolean isPacked() {
        return ld == (transposed ? rows : cols) || (transposed ? cols : rows) <= 1;
    }

    /** Whether the memory can still be used (its arena is open). */
    public final boolean isAlive() {
        return segment.scope().isAlive();
    }

    /** Throws when the memory's arena is closed; the message (and its string) is made only then. */
    final void checkAlive() {
        if (!segment.scope().isAlive()) {
            Shapes.checkAlive(segment, describe());
        }
    }

    /** "F32Matrix 3x4", for messages. */
    public final String describe() {
        return kind() + " " + rows + "x" + cols + (transposed ? " (transposed view)" : "");
    }

    @Override
    public String toString() {
        return describe() + " [offset " + offset + ", ld " + ld + "]";
    }

    /** Element index in the segment of logical element (i, j), after checking both against the shape. */
    final long index(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("element (" + i + ", " + j + ") is outside " + describe());
        }
        checkAlive();
        return transposed ? offset + (long) j * ld + i : offset + (long) i * ld + j;
    }

    /** Offset of the view that starts at logical (row, col), after checking the view's extent. */
    final long viewOffset(int row, int col, int viewRows, int viewCols) {
        if (viewRows < 0 || viewCols < 0 || row < 0 || col < 0
                || (long) row + viewRows > rows || (long) col + viewCols > cols) {
            throw new IndexOutOfBoundsException("view of " + viewRows + "x" + viewCols + " at (" + row + ", " + col
                    + ") does not fit in " + describe());
        }
        checkAlive();
        if (viewRows == 0 || viewCols == 0) {
            return offset;
        }
        return transposed ? offset + (long) col * ld + row : offset + (long) row * ld + col;
    }

    final void checkArrayLength(int length) {
        if (length != size()) {
            throw new IllegalArgumentException("an array of " + length + " elements does not match " + describe()
                    + " (" + size() + " elements)");
        }
        checkAlive();
    }

    final void checkSameShape(MatrixLayout other) {
        if (other.rows != rows || other.cols != cols) {
            throw new IllegalArgumentException("shape mismatch: " + describe() + " and " + other.describe());
        }
    }
}
