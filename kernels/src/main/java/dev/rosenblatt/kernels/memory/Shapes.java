package dev.rosenblatt.kernels.memory;

import java.lang.foreign.MemorySegment;

/**
 * Argument checks shared by the memory types and the kernel facade. Every message names the shapes or the state
 * that was wrong, so that a user can find the bad call without a debugger.
 */
public final class Shapes {

    private Shapes() {
    }

    static void checkMatrixShape(String what, int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(what + " shape " + rows + "x" + cols + ": sizes must not be negative");
        }
    }

    static void checkLength(String what, int length) {
        if (length < 0) {
            throw new IllegalArgumentException(what + " length " + length + ": must not be negative");
        }
    }

    /** Throws unless {@code segment}'s memory can still be used. */
    public static void checkAlive(MemorySegment segment, String what) {
        if (!segment.scope().isAlive()) {
            throw new IllegalStateException(what + ": the arena that owns its memory is closed");
        }
    }

    /** Whether {@link #checkVectorRange} would pass, without building any message (hot paths call this first). */
    public static boolean vectorFits(MemorySegment segment, int elementBytes, long offset, int n, int inc) {
        if (n < 0 || inc < 1 || offset < 0 || !segment.scope().isAlive()) {
            return false;
        }
        long end = n == 0 ? offset : offset + (long) (n - 1) * inc + 1;
        return end <= segment.byteSize() / elementBytes;
    }

    /** Whether {@link #checkMatrixRange} would pass, without building any message (hot paths call this first). */
    public static boolean matrixFits(MemorySegment segment, int elementBytes, long offset, int rows, int cols,
                                     long ld) {
        if (rows < 0 || cols < 0 || ld < Math.max(1, cols) || offset < 0 || !segment.scope().isAlive()) {
            return false;
        }
        long end = rows == 0 || cols == 0 ? offset : offset + (rows - 1L) * ld + cols;
        return end <= segment.byteSize() / elementBytes;
    }

    /**
     * Checks that {@code n} elements of {@code elementBytes} bytes each, starting at element {@code offset} and
     * {@code inc} elements apart, lie inside {@code segment}.
     */
    public static void checkVectorRange(String what, MemorySegment segment, int elementBytes,
                                        long offset, int n, int inc) {
        if (n < 0) {
            throw new IllegalArgumentException(what + ": length " + n + " must not be negative");
        }
        if (inc < 1) {
            throw new IllegalArgumentException(what + ": increment " + inc + " must be at least 1");
        }
        if (offset < 0) {
            throw new IndexOutOfBoundsException(what + ": offset " + offset + " must not be negative");
        }
        checkAlive(segment, what);
        long capacity = segment.byteSize() / elementBytes;
        long end = n == 0 ? offset : offset + (long) (n - 1) * inc + 1;
        if (end > capacity) {
            throw new IndexOutOfBoundsException(what + ": " + n + " elements from offset " + offset + " with increment "
                    + inc + " need " + end + " elements, but the memory holds " + capacity);
        }
    }

    /**
     * Checks a row-major rows x cols block with leading dimension {@code ld} starting at element {@code offset}
     * of {@code segment}, the BLAS way: ld must be at least max(1, cols), and the last row must end in memory.
     */
    public static void checkMatrixRange(String what, MemorySegment segment, int elementBytes,
                                        long offset, int rows, int cols, long ld) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(what + ": shape " + rows + "x" + cols + " must not be negative");
        }
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException(what + ": leading dimension " + ld + " is less than max(1, cols) for "
                    + rows + "x" + cols);
        }
        if (offset < 0) {
            throw new IndexOutOfBoundsException(what + ": offset " + offset + " must not be negative");
        }
        checkAlive(segment, what);
        long capacity = segment.byteSize() / elementBytes;
        long end = rows == 0 || cols == 0 ? offset : offset + (rows - 1L) * ld + cols;
        if (end > capacity) {
            throw new IndexOutOfBoundsException(what + ": " + rows + "x" + cols + " with leading dimension " + ld
                    + " from offset " + offset + " needs " + end + " elements, but the memory holds " + capacity);
        }
    }
}
