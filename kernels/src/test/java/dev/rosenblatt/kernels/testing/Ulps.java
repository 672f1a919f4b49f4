package dev.rosenblatt.kernels.testing;

/** Distances between floats counted in representable floats, and the inputs accuracy tests sample. */
public final class Ulps {

    private Ulps() {
    }

    /** A monotonic integer image of the floats: consecutive floats map to consecutive integers, -0 and 0 to 0. */
    public static long ordinal(float f) {
        int bits = Float.floatToRawIntBits(f);
        return bits >= 0 ? bits : -(long) (bits & 0x7fffffff);
    }

    /** How many floats apart a and b are (0 when equal, 1 for neighbours). */
    public static long distance(float a, float b) {
        return Math.abs(ordinal(a) - ordinal(b));
    }

    /** The special inputs every accuracy test includes. */
    public static final float[] SPECIALS = {
        0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 3 * Float.MIN_VALUE, -7 * Float.MIN_VALUE,
        Float.MIN_NORMAL, -Float.MIN_NORMAL, Math.nextDown(Float.MIN_NORMAL), -Math.nextDown(Float.MIN_NORMAL),
        Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
        Float.intBitsToFloat(0x7fc00001), Float.intBitsToFloat(0xffc00000),
        1f, -1f, 0.5f, -0.5f, 1e-8f, -1e-8f, 1e-30f, -1e-30f,
        // exp: the overflow threshold ln(MAX) ~ 88.7228, the normal threshold ln(MIN_NORMAL) ~ -87.3365, the
        // subnormal range down to ln(MIN_VALUE / 2) ~ -103.972, and the reduction's half-ln2 boundaries
        88.72283f, 88.72284f, 88.7229f, 89f, 89.5f, -87.33654f, -87.33655f, -88f, -100f, -103.27893f, -103.9f,
        -103.97207f, -103.97208f, -104f, -110f, -150f, -151f, 0.34657359f, -0.34657359f, 0.6931472f, -0.6931472f,
        // tanh's switch between polynomial and exp, and where it rounds to 1
        0.55f, Math.nextDown(0.55f), -0.55f, -Math.nextDown(0.55f), 9.01f, -9.01f, 20f, -20f,
        // GELU's tails and where Phi(-|x|) underflows
        -5f, -10f, -13f, -14f, -14.5f, -15f, -15.5f, -30f, 15f, 30f,
    };
}
