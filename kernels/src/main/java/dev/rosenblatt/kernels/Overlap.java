package dev.rosenblatt.kernels;

import java.lang.foreign.MemorySegment;

/**
 * Whether an output shares memory with an input. A kernel that writes while it reads gives results that depend on
 * the order of its loops, which differs between the scalar and SIMD twins, so the facade refuses partial overlap.
 */
final class Overlap {

    private Overlap() {
    }

    /** True when the byte ranges [aStart, aEnd) of a and [bStart, bEnd) of b are the same memory in part. */
    static boolean overlaps(MemorySegment a, long aStart, long aEnd, MemorySegment b, long bStart, long bEnd) {
        if (aStart >= aEnd || bStart >= bEnd) {
            return false;
        }
        if (a.isNative() != b.isNative()) {
            return false;
        }
        if (!a.isNative()) {
            Object aBase = a.heapBase().orElse(null);
            if (aBase == null || aBase != b.heapBase().orElse(null)) {
                return false;
            }
        }
        long a0 = a.address() + aStart;
        long b0 = b.address() + bStart;
        return a0 < b.address() + bEnd && b0 < a.address() + aEnd;
    }

    /** Allows y to be exactly x (an in-place update) or disjoint from it; refuses anything in between. */
    static void checkInPlaceOrDisjoint(String op, int elementBytes, int n, MemorySegment x, long xOff, int incX,
                                       MemorySegment y, long yOff, int incY) {
        if (n == 0) {
            return;
        }
        long xStart = xOff * elementBytes;
        long xEnd = (xOff + (long) (n - 1) * incX + 1) * elementBytes;
        long yStart = yOff * elementBytes;
        long yEnd = (yOff + (long) (n - 1) * incY + 1) * elementBytes;
        if (!overlaps(x, xStart, xEnd, y, yStart, yEnd)) {
            return;
        }
        boolean same = x.address() + xStart == y.address() + yStart && incX == incY;
        if (!same) {
            throw new IllegalArgumentException(op + ": y overlaps x without being the same elements "
                    + "(x from element " + xOff + " step " + incX + ", y from element " + yOff + " step " + incY + ")");
        }
    }
}
