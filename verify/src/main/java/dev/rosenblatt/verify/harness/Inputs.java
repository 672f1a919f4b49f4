package dev.rosenblatt.verify.harness;

import java.util.SplittableRandom;

/**
 * Random inputs from several distributions, and the special values. Every kernel sees each distribution, so a
 * bound that holds only for well-scaled data shows up as a FAIL.
 */
public enum Inputs {
    UNIFORM, NORMAL, LARGE, SMALL, MIXED_SIGNS;

    /** Values an elementwise function must handle: signed zeros, subnormals, extremes, infinities, NaNs, edges. */
    public static final float[] SPECIALS = {
        0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 3 * Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL,
        Math.nextDown(Float.MIN_NORMAL), Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0xffc00001), 1f, -1f, 0.5f, -0.5f, 1e-8f, -1e-8f,
        88.72283f, 88.72284f, 89f, -87.33654f, -87.33655f, -103.97207f, -103.97208f, -104f, -150f, 0.34657359f,
        -0.34657359f, 0.55f, -0.55f, 9.01f, -9.01f, 20f, -20f, -5f, -10f, -13f, -14f, -15f, -30f, 15f, 30f,
        // SiLU' at its worst relative to its terms (4.5 u, found by the exhaustive sweep); GELU' at its root
        -5.0067015f, -0.75179154f,
    };

    /**
     * One value. UNIFORM: [-1, 1); NORMAL: N(0, 3^2); LARGE: magnitudes 2^10 to 2^127 (elementwise) or 2^20
     * (products, which must not overflow); SMALL: 2^-149 to 2^-10 (elementwise) or 2^-20 (products); MIXED_SIGNS:
     * random signs over magnitudes 2^-8 to 2^8, where sums cancel.
     */
    public float next(SplittableRandom r, boolean forProducts) {
        double sign = r.nextBoolean() ? 1 : -1;
        return switch (this) {
            case UNIFORM -> (float) (r.nextDouble() * 2 - 1);
            case NORMAL -> (float) (3 * r.nextGaussian());
            case LARGE -> (float) (sign * Math.scalb(1 + r.nextDouble(), forProducts ? 20 : r.nextInt(10, 127)));
            case SMALL -> (float) (sign * Math.scalb(1 + r.nextDouble(), forProducts ? -20 : r.nextInt(-149, -10)));
            case MIXED_SIGNS -> (float) (sign * Math.scalb(1 + r.nextDouble(), r.nextInt(-8, 9)));
        };
    }

    /** {@code n} values of every distribution in turn, preceded (for elementwise kernels) by the specials. */
    public static float[] sample(int n, long seed, boolean withSpecials, boolean forProducts) {
        SplittableRandom r = new SplittableRandom(seed);
        int start = withSpecials ? SPECIALS.length : 0;
        float[] out = new float[start + n];
        if (withSpecials) {
            System.arraycopy(SPECIALS, 0, out, 0, start);
        }
        Inputs[] all = values();
        for (int i = 0; i < n; i++) {
            out[start + i] = all[i % all.length].next(r, forProducts);
        }
        return out;
    }

    /** n values of one distribution. */
    public float[] sample(int n, SplittableRandom r, boolean forProducts) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = next(r, forProducts);
        }
        return out;
    }
}
