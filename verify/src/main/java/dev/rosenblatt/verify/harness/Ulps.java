package dev.rosenblatt.verify.harness;

/** Distances counted in representable numbers: consecutive floats (doubles) map to consecutive integers. */
public final class Ulps {

    private Ulps() {
    }

    public static long ordinal(float f) {
        int bits = Float.floatToRawIntBits(f);
        return bits >= 0 ? bits : -(long) (bits & 0x7fffffff);
    }

    /** How many floats apart a and b are (0 when equal, -0 and 0 included). */
    public static long distance(float a, float b) {
        return Math.abs(ordinal(a) - ordinal(b));
    }

    /** How many doubles apart a and b are, saturating at Long.MAX_VALUE. */
    public static long distance(double a, double b) {
        long x = Double.doubleToRawLongBits(a);
        long y = Double.doubleToRawLongBits(b);
        x = x >= 0 ? x : -(x & Long.MAX_VALUE);
        y = y >= 0 ? y : -(y & Long.MAX_VALUE);
        long d = x - y;
        return ((x ^ y) & (x ^ d)) < 0 ? Long.MAX_VALUE : Math.abs(d);
    }

    /** gamma_n = n u / (1 - n u), the classic bound on n roundings with unit roundoff u. */
    public static double gamma(long n, double unitRoundoff) {
        return n * unitRoundoff / (1 - n * unitRoundoff);
    }

    public static final double U32 = 0x1p-24;
    public static final double U64 = 0x1p-53;
}
