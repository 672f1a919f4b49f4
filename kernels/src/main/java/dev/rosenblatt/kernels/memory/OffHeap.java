package dev.rosenblatt.kernels.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The owner of off-heap memory: every matrix and vector it hands out lives until {@link #close()}, and no longer.
 *
 * <p>A thin layer over {@link Arena} that allocates 64-byte aligned blocks (one cache line, one AVX-512 register)
 * and turns use after close into an {@link IllegalStateException} that says so. A confined instance may be used
 * by the thread that made it only; a shared one by any thread, which parallel kernels need.
 */
public final class OffHeap implements AutoCloseable {

    /** Every block starts on a 64-byte boundary. */
    public static final long ALIGNMENT = 64;

    private final Arena arena;
    private final String name;

    private OffHeap(Arena arena, String name) {
        this.arena = arena;
        this.name = name;
    }

    /** Memory that only the creating thread may touch, freed at {@link #close()}. */
    public static OffHeap confined() {
        return new OffHeap(Arena.ofConfined(), "confined off-heap memory");
    }

    /** Memory that any thread may touch, freed at {@link #close()}. */
    public static OffHeap shared() {
        return new OffHeap(Arena.ofShared(), "shared off-heap memory");
    }

    /** Allocates {@code bytes} zeroed bytes aligned to {@link #ALIGNMENT}. */
    public MemorySegment allocate(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot allocate a negative number of bytes: " + bytes);
        }
        checkOpen();
        return arena.allocate(bytes, ALIGNMENT);
    }

    /** A zeroed rows x cols float32 matrix, row-major and packed (leading dimension = cols). */
    public F32Matrix f32Matrix(int rows, int cols) {
        Shapes.checkMatrixShape("F32Matrix", rows, cols);
        return F32Matrix.wrap(allocate((long) rows * cols * Float.BYTES), 0, rows, cols, Math.max(1, cols));
    }

    /** A zeroed rows x cols float64 matrix, row-major and packed (leading dimension = cols). */
    public F64Matrix f64Matrix(int rows, int cols) {
        Shapes.checkMatrixShape("F64Matrix", rows, cols);
        return F64Matrix.wrap(allocate((long) rows * cols * Double.BYTES), 0, rows, cols, Math.max(1, cols));
    }

    /** A float32 matrix holding a copy of {@code rowMajor}, which must have rows * cols elements. */
    public F32Matrix f32Matrix(int rows, int cols, float[] rowMajor) {
        F32Matrix m = f32Matrix(rows, cols);
        m.copyFrom(rowMajor);
        return m;
    }

    /** A float64 matrix holding a copy of {@code rowMajor}, which must have rows * cols elements. */
    public F64Matrix f64Matrix(int rows, int cols, double[] rowMajor) {
        F64Matrix m = f64Matrix(rows, cols);
        m.copyFrom(rowMajor);
        return m;
    }

    /** A zeroed float32 vector of {@code length} elements. */
    public F32Vector f32Vector(int length) {
        Shapes.checkLength("F32Vector", length);
        return F32Vector.wrap(allocate((long) length * Float.BYTES), 0, length, 1);
    }

    /** A zeroed float64 vector of {@code length} elements. */
    public F64Vector f64Vector(int length) {
        Shapes.checkLength("F64Vector", length);
        return F64Vector.wrap(allocate((long) length * Double.BYTES), 0, length, 1);
    }

    /** A float32 vector holding a copy of {@code values}. */
    public F32Vector f32Vector(float[] values) {
        F32Vector v = f32Vector(values.length);
        v.copyFrom(values);
        return v;
    }

    /** A float64 vector holding a copy of {@code values}. */
    public F64Vector f64Vector(double[] values) {
        F64Vector v = f64Vector(values.length);
        v.copyFrom(values);
        return v;
    }

    /** Whether memory can still be allocated and used. */
    public boolean isOpen() {
        return arena.scope().isAlive();
    }

    /** The arena underneath, for callers that allocate their own segments with the same lifetime. */
    public Arena arena() {
        return arena;
    }

    private void checkOpen() {
        if (!isOpen()) {
            throw new IllegalStateException("cannot allocate: this " + name + " is already closed");
        }
    }

    /** Frees every block; any matrix or vector from this owner throws on use afterwards. Closing twice is a no-op. */
    @Override
    public void close() {
        if (isOpen()) {
            arena.close();
        }
    }
}
