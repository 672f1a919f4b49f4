package dev.rosenblatt.kernels;

import java.lang.foreign.MemorySegment;

/**
 * Level-1 BLAS on raw segments, BLAS-shaped: n elements of x from element offset {@code xOff}, {@code incX}
 * elements apart, and the same for y. Offsets and increments count elements, not bytes. Implementations trust
 * their arguments; {@link Kernels} checks them.
 */
public interface Blas1 {

    /** sum over i of x[i] * y[i], accumulated in float32. */
    float sdot(int n, MemorySegment x, long xOff, int incX, MemorySegment y, long yOff, int incY);

    /** sum over i of x[i] * y[i], accumulated in float64. */
    double ddot(int n, MemorySegment x, long xOff, int incX, MemorySegment y, long yOff, int incY);

    /** y[i] += alpha * x[i]. */
    void saxpy(int n, float alpha, MemorySegment x, long xOff, int incX, MemorySegment y, long yOff, int incY);

    /** y[i] += alpha * x[i]. */
    void daxpy(int n, double alpha, MemorySegment x, long xOff, int incX, MemorySegment y, long yOff, int incY);
}
