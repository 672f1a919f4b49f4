package dev.rosenblatt.kernels.testing;

import java.util.stream.IntStream;

/** The awkward sizes every SIMD kernel is tested at: each tail length, and just around every vector multiple. */
public final class TestSizes {

    public static final int[] ODD = {1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 31, 33, 63, 65, 127, 129, 1021};

    /** Element offsets that put a vector's start off the 64-byte boundary (0 keeps it on). */
    public static final int[] OFFSETS = {0, 1, 3, 7};

    private TestSizes() {
    }

    public static IntStream odd() {
        return IntStream.of(ODD);
    }

    /** float32 unit roundoff, 2^-24. */
    public static final double U_F32 = Math.ulp(1.0f) / 2;
    /** float64 unit roundoff, 2^-53. */
    public static final double U_F64 = Math.ulp(1.0) / 2;

    /** gamma_k = k u / (1 - k u), the classic bound factor for a sum of k products. */
    public static double gamma(int k, double u) {
        double ku = k * u;
        return ku / (1 - ku);
    }
}
