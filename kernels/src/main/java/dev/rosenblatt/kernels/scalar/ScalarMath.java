package dev.rosenblatt.kernels.scalar;

/**
 * The elementary functions behind the activations, one element at a time. The float32 functions are the exact
 * scalar mirror of {@code SimdMath}: the same operations in the same order (fma where it has fma), so that the
 * scalar and SIMD kernels agree bit for bit and the accuracy measured for one holds for the other. The float64
 * functions serve the float64 kernels (gradient checks) and the float32 kernels that are evaluated in float64
 * (GELU in both forms, softplus).
 *
 * <p>exp: Cody-Waite reduction x = n ln2 + r, |r| <= ln2/2, with ln2 split in two so that n * LN2_HI is exact; e^r - 1
 * = r + r^2 Q(r) with Q fitted (tools/fit_coefficients.py); 2^n applied as two factors 2^(n/2) 2^(n - n/2), so that
 * results in the subnormal range are rounded once and results near the overflow threshold overflow only when the
 * true value does. Sigmoid, SiLU and tanh use a cheaper core (degree-4 R, 2^-n or 2^n built in the exponent bits and
 * used inside one quotient, no scaling multiply, one plain division; see each function); sigmoid and SiLU take a
 * slow path only for |x| > 80. GELU (both forms) computes in float64 with an inline float64 exp.
 */
public final class ScalarMath {

    private ScalarMath() {
    }

    static final float LOG2E = 0x1.715476p0f;
    /** ln 2 in two parts: LN2_HI has 16 significant bits, so n * LN2_HI is exact for |n| < 256. */
    static final float LN2_HI = 0x1.62e4p-1f;
    static final float LN2_LO = 0x1.7f7d1cp-20f;
    /** 1.5 * 2^23: adding it rounds to an integer, which then sits in the low mantissa bits. */
    static final float SHIFTER = 0x1.8p23f;
    static final int SHIFTER_BITS = Float.floatToRawIntBits(SHIFTER);
    /** exp of anything above overflows, of anything below is 0 after rounding; clamping keeps n in range. */
    static final float EXP_HI = 89f;
    static final float EXP_LO = -150f;

    static final float Q0 = 0x1.000000p-1f;
    static final float Q1 = 0x1.555554p-3f;
    static final float Q2 = 0x1.555502p-5f;
    static final float Q3 = 0x1.11134ap-7f;
    static final float Q4 = 0x1.6d2e28p-10f;
    static final float Q5 = 0x1.9d6caap-13f;


    // ---- float32 ----

    /** n = round(x / ln 2) for x already clamped to [EXP_LO, EXP_HI], as an int. */
    static int expN(float xc) {
        return Float.floatToRawIntBits(Math.fma(xc, LOG2E, SHIFTER)) - SHIFTER_BITS;
    }

    /** e^r - 1 where r = xc - n ln 2. */
    static float expS(float xc, int n) {
        float nf = n;
        float r = Math.fma(nf, -LN2_HI, xc);
        r = Math.fma(nf, -LN2_LO, r);
        float q = Math.fma(Q5, r, Q4);
        q = Math.fma(q, r, Q3);
        q = Math.fma(q, r, Q2);
        q = Math.fma(q, r, Q1);
        q = Math.fma(q, r, Q0);
        return Math.fma(r * r, q, r);
    }

    /** v * 2^n for n in [-252, 254], one rounding. */
    static float scale(float v, int n) {
        int n1 = n >> 1;
        int n2 = n - n1;
        return v * Float.intBitsToFloat((n1 + 127) << 23) * Float.intBitsToFloat((n2 + 127) << 23);
    }

    public static float exp(float x) {
        float xc = Math.min(Math.max(x, EXP_LO), EXP_HI);
        int n = expN(xc);
        return scale(1f + expS(xc, n), n);
    }

    /** e^x - 1; used by ELU for x <= 0. */
    public static float expm1(float x) {
        float xc = Math.min(Math.max(x, EXP_LO), EXP_HI);
        int n = expN(xc);
        float pw = scale(1f, n);
        return Math.fma(expS(xc, n), pw, pw - 1f);
    }

    /**
     * The fast exp core of sigmoid, SiLU and tanh: for a in the normal range, e^a = p 2^n with n = round(a / ln 2)
     * and p = e^r = 1 + r + r^2 R(r), |r| <= ln2/2, R of degree 4 (tools/fit_coefficients.py).
     */
    static final float R0 = 0x1.000000p-1f;
    static final float R1 = 0x1.5554dep-3f;
    static final float R2 = 0x1.555584p-5f;
    static final float R3 = 0x1.120aeep-7f;
    static final float R4 = 0x1.6c8bf2p-10f;
    /**
     * Sigmoid and SiLU take the fast path for -|x| >= this (2^-n stays a normal float, x 2^-n finite); the kernels
     * evaluate the slow path only for vectors that hold such a lane.
     */
    static final float FAST_LO = -80f;
    /** tanh is 1 (rounded) beyond this |x|. */
    static final float TANH_ONE = 9.1f;

    /** R(r) by Horner; r = a - n ln 2. */
    private static float poly(float r) {
        float q = Math.fma(R4, r, R3);
        q = Math.fma(q, r, R2);
        q = Math.fma(q, r, R1);
        return Math.fma(q, r, R0);
    }

    private static float reduce(float a, float nf) {
        float r = Math.fma(nf, -LN2_HI, a);
        return Math.fma(nf, -LN2_LO, r);
    }

    /** 2^k for k in [-126, 127]. */
    private static float pow2(int k) {
        return Float.intBitsToFloat((k + 127) << 23);
    }

    /**
     * sigma(x) with a = -|x| = n ln 2 + r, e^a = p 2^n, h = 2^-n: 1 / (1 + e^a) = h / (h + p) for x >= 0 and
     * e^a / (1 + e^a) = p / (h + p) for x < 0: one exp that never overflows, no scaling of p, one division.
     * Below -|x| < FAST_LO: 1 for x > 0, else e^a (1 + e^a rounds to 1), scaled in two steps so that subnormal
     * results round once.
     */
    public static float sigmoid(float x) {
        float a = -Math.abs(x);
        if (a < FAST_LO) {
            float ac = Math.max(a, EXP_LO);
            float t = Math.fma(ac, LOG2E, SHIFTER);
            float nf = t - SHIFTER;
            int n = Float.floatToRawIntBits(t) - SHIFTER_BITS;
            float r = reduce(ac, nf);
            float p = Math.fma(Math.fma(poly(r), r, 1f), r, 1f);
            return x < 0f ? scale(p, n) : 1f;
        }
        float t = Math.fma(a, LOG2E, SHIFTER);
        float nf = t - SHIFTER;
        int n = Float.floatToRawIntBits(t) - SHIFTER_BITS;
        float r = reduce(a, nf);
        float p = Math.fma(Math.fma(poly(r), r, 1f), r, 1f);
        float h = pow2(-n);
        return (x < 0f ? p : h) / (h + p);
    }

    /**
     * silu(x) = x sigma(x), with e^a = (1 + s) 2^n kept as s: x h / ((h + 1) + s) for x >= 0 (x h is exact) and
     * (x + x s) / ((h + 1) + s) for x < 0 (h + 1 is exact), three roundings in all. Below -|x| < FAST_LO: x for
     * x > 0 (also +inf), else x e^a, scaled in two steps at the end; -inf gives -0.
     */
    public static float silu(float x) {
        float a = -Math.abs(x);
        if (a < FAST_LO) {
            float ac = Math.max(a, EXP_LO);
            float t = Math.fma(ac, LOG2E, SHIFTER);
            float nf = t - SHIFTER;
            int n = Float.floatToRawIntBits(t) - SHIFTER_BITS;
            float r = reduce(ac, nf);
            float p = Math.fma(r * r, poly(r), r) + 1f;
            float xs = Math.max(x, EXP_LO);
            return x < 0f ? scale(xs * p, n) : x;
        }
        float t = Math.fma(a, LOG2E, SHIFTER);
        float nf = t - SHIFTER;
        int n = Float.floatToRawIntBits(t) - SHIFTER_BITS;
        float r = reduce(a, nf);
        float s = Math.fma(r * r, poly(r), r);
        float h = pow2(-n);
        return (x < 0f ? Math.fma(x, s, x) : x * h) / ((h + 1f) + s);
    }

    /**
     * tanh through expm1, one form for every |x|: with a = -2|x| = n ln 2 + r, e^a - 1 = s 2^n + (2^n - 1) and
     * 1 + e^a = s 2^n + (2^n + 1) (each one fma of exact terms; s = e^r - 1 = r + r^2 R(r)), tanh|x| = -(e^a - 1) /
     * (1 + e^a), no cancellation near 0; the sign copied from x. Beyond TANH_ONE it is 1 (tanh rounds to 1 from
     * 9.01 on), which also keeps 2^n normal.
     */
    public static float tanh(float x) {
        float ax = Math.abs(x);
        float a = ax * -2f;
        float t = Math.fma(a, LOG2E, SHIFTER);
        float nf = t - SHIFTER;
        int n = Float.floatToRawIntBits(t) - SHIFTER_BITS;
        float r = reduce(a, nf);
        float s = Math.fma(r * r, poly(r), r);
        float pw = pow2(n);
        float y = Math.fma(s, pw, pw - 1f) / Math.fma(s, pw, pw + 1f);
        return Math.copySign(ax > TANH_ONE ? 1f : y, x);
    }

    /** sigma'(x) = e / (1 + e)^2 with e = exp(-|x|): no cancellation at either end. */
    public static float sigmoidPrime(float x) {
        float e = exp(-Math.abs(x));
        float d = 1f + e;
        return e / (d * d);
    }

    /** silu'(x) = sigma(x) + x sigma(x) sigma(-x). */
    public static float siluPrime(float x) {
        float e = exp(-Math.abs(x));
        float d = 1f + e;
        float inv = 1f / d;
        float s = x < 0f ? e * inv : inv;
        float xs = Math.min(Math.max(x, EXP_LO), -EXP_LO);  // e is 0 beyond: no inf * 0
        return Math.fma(xs * e, inv * inv, s);
    }

    /** tanh'(x) = 4 e / (1 + e)^2 with e = exp(-2|x|). */
    public static float tanhPrime(float x) {
        float e = exp(-2f * Math.abs(x));
        float d = 1f + e;
        return 4f * e / (d * d);
    }

    // ---- float64 ----

    /** sqrt(2 / pi) * 2 and that times 0.044715: GELU-tanh is x sigma(x (A + B x^2)). */
    static final double GELU_TANH_A = 2 * Math.sqrt(2 / Math.PI);
    static final double GELU_TANH_B = GELU_TANH_A * 0.044715;
    static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    /** Phi(-a) underflows every float result beyond this; H is fitted up to a = 15.5. */
    static final double PHI_A_MAX = 15.0;
    /** H(t - 0.5), t = 2 / (2 + a): Phi(-a) = exp(-a^2/2) t H(t). Fitted in tools/fit_coefficients.py. */
    static final double[] PHI_H = {
        0x1.5845dcad2a2a3p-2, 0x1.535bafa734d5bp-2, 0x1.d7d0e23e05e2ep-5, -0x1.2ccbfbdd12293p-3,
        -0x1.ec68a018e4567p-9, 0x1.b8b9292bdccc3p-4, -0x1.ff78fb5cd9174p-5, -0x1.9b9bd7ae8c704p-5,
        0x1.b1a40fb904600p-4, -0x1.b2862d0c7dbcap-5, -0x1.e33b3f2737fb8p-5, 0x1.0eecd25301f5ap-3,
        -0x1.8f2a91dcb487fp-4, -0x1.671235e1cc62ep-5, 0x1.9ee43f02c7b17p-3, -0x1.95afa034583dbp-3,
        -0x1.8ac382926b85bp-5, 0x1.f9926d1ada028p-3, -0x1.24e39b459fa42p-3,
    };

    /** The coefficients of H, for the SIMD twin. */
    public static double[] phiTailCoefficients() {
        return PHI_H.clone();
    }

    /**
     * H for the float32 GELU kernel, degree 12: relative error 1.1e-9 (0.02 float ulp), enough for a float result
     * and six float64 fmas an element cheaper than PHI_H (tools/fit_coefficients.py).
     */
    static final double[] PHI_HF = {
        0x1.5845dcaa2c35cp-2, 0x1.535bb00649db6p-2, 0x1.d7d10af39dccap-5, -0x1.2ccc70ca3aecfp-3,
        -0x1.ed101a093f014p-9, 0x1.b8e477cb47d55p-4, -0x1.fe9aa46229813p-5, -0x1.a2b861d3aa9dep-5,
        0x1.aef380813e78ep-4, -0x1.695c7c55fb351p-5, -0x1.02541f10211f8p-4, 0x1.72e068f9387fep-4,
        -0x1.1d282d32b34b1p-5,
    };

    /** The coefficients of the float32 kernel's H, for the SIMD twin. */
    public static double[] phiTailCoefficientsF32() {
        return PHI_HF.clone();
    }

    public static double sigmoid(double x) {
        double e = Math.exp(-Math.abs(x));
        double inv = 1 / (1 + e);
        return x < 0 ? e * inv : inv;
    }

    public static double sigmoidPrime(double x) {
        double e = Math.exp(-Math.abs(x));
        double d = 1 + e;
        return e / (d * d);
    }

    public static double silu(double x) {
        return Math.max(x, -800) * sigmoid(x);
    }

    public static double siluPrime(double x) {
        double xs = Math.max(Math.min(x, 800), -800);
        return sigmoid(x) + xs * sigmoidPrime(x);
    }

    public static double tanhPrime(double x) {
        double e = Math.exp(-2 * Math.abs(x));
        double d = 1 + e;
        return 4 * e / (d * d);
    }

    public static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    public static double elu(double x, double alpha) {
        return x > 0 ? x : alpha * Math.expm1(x);
    }

    public static double eluPrime(double x, double alpha) {
        return x > 0 ? 1 : (x != x ? x : alpha * Math.exp(x));
    }

    /** Phi(-a) for a >= 0 (the standard normal lower tail), relative error about 1e-13. */
    public static double phiNeg(double a) {
        double ac = Math.min(a, PHI_A_MAX);
        double t = 2 / (2 + ac);
        double s = t - 0.5;
        double h = horner(PHI_H, s);
        return Math.exp(-0.5 * ac * ac) * t * h;
    }

    /** GELU, erf form: x Phi(x); x - x Phi(-x) for x >= 0 so that no 1 + erf cancels. */
    public static double geluErf(double x) {
        double tail = phiNeg(Math.abs(x));
        double xs = Math.max(x, -2 * PHI_A_MAX);  // gelu(-inf) = -0
        return x < 0 ? xs * tail : x * (1 - tail);
    }

    /**
     * GELU, erf form, for float32: geluErf's algorithm, with the shorter H (PHI_HF) and exp(-a^2/2) from the inline float64 exp (p 2^n, 2^n in
     * the exponent bits; -a^2/2 >= -112.5 keeps it normal) instead of Math.exp; the SIMD kernel computes the same bits.
     */
    public static float geluErfF(float xf) {
        double x = xf;
        double ac = Math.min(Math.abs(x), PHI_A_MAX);
        double tt = 2 / (2 + ac);
        double s = tt - 0.5;
        double h = horner(PHI_HF, s);
        double tail = expNonPositive(-0.5 * ac * ac) * tt * h;
        double xs = Math.max(x, -2 * PHI_A_MAX);  // gelu(-inf) = -0
        return (float) (x < 0 ? xs * tail : x * (1 - tail));
    }

    /** Phi(x) + x phi(x). */
    public static double geluErfPrime(double x) {
        double tail = phiNeg(Math.abs(x));
        double cdf = x < 0 ? tail : 1 - tail;
        double xc = Math.max(Math.min(x, 2 * PHI_A_MAX), -2 * PHI_A_MAX);
        return cdf + xc * INV_SQRT_2PI * Math.exp(-0.5 * xc * xc);
    }

    /** GELU, tanh form: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) written as x sigma(2 ...): no cancellation. */
    public static double geluTanh(double x) {
        double w = x * Math.fma(GELU_TANH_B, x * x, GELU_TANH_A);
        return Math.max(x, -800) * sigmoid(w);
    }

    /** exp in float64 for the float32 GELU-tanh: e^r on |r| <= ln2/2, degree 6, relative error 1.9e-9 (0.03 float ulp). */
    static final double[] EXPD = {
        0x1.0000000290216p+0, 0x1.0000009c14845p+0, 0x1.fffffa41c12cap-2, 0x1.55540a1208e78p-3,
        0x1.5558e501e929dp-5, 0x1.126d5dcf29778p-7, 0x1.6a86df9fe2c3bp-10,
    };
    static final double LOG2E_D = 0x1.71547652b82fep0;
    static final double LN2_D = 0x1.62e42fefa39efp-1;
    static final double SHIFTER_D = 0x1.8p52;
    static final long SHIFTER_D_BITS = Double.doubleToRawLongBits(SHIFTER_D);
    /** -|w| is clamped here: 2^-n stays a normal double, and sigma(w) is 0 or 1 in float long before. */
    static final double EXPD_LO = -700;

    /**
     * c[0] + c[1] x + ... by Horner's rule with fma, highest coefficient first: the SIMD twins unroll the same fmas
     * in the same order, so both give the same bits.
     */
    static double horner(double[] c, double x) {
        double h = c[c.length - 1];
        for (int k = c.length - 2; k >= 0; k--) {
            h = Math.fma(h, x, c[k]);
        }
        return h;
    }

    /** e^r for |r| <= ln 2 / 2 by the fitted polynomial (ED0..ED6 in the SIMD twins, the same fmas). */
    private static double expPoly(double r) {
        return horner(EXPD, r);
    }

    /**
     * e^a for -700 <= a <= 0 (callers clamp): p(r) 2^n, a = n ln 2 + r, with 2^n built in the exponent bits (a normal
     * double over that range). The SIMD kernels do the same operations lane for lane.
     */
    static double expNonPositive(double a) {
        double t = Math.fma(a, LOG2E_D, SHIFTER_D);
        double r = Math.fma(t - SHIFTER_D, -LN2_D, a);
        return expPoly(r) * Double.longBitsToDouble((Double.doubleToRawLongBits(t) - (SHIFTER_D_BITS - 1023)) << 52);
    }

    /**
     * e^r on |r| <= ln 2 / 2 to float64's own accuracy, for the derivatives: Taylor to degree 11, truncation error
     * r^12 / 12! <= 6.4e-15 relative. Near a derivative's root (GELU's at x about -0.75) its two terms cancel and
     * the result is small: there the 1.9e-9 of {@link #EXPD} turned into tens of thousands of float ulps (within the
     * backward bound, which scales with the terms, but needlessly).
     */
    static final double[] EXPD_FINE = {
        1.0, 1.0, 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040, 1.0 / 40320, 1.0 / 362880,
        1.0 / 3628800, 1.0 / 39916800,
    };

    /** As {@link #expNonPositive}, with {@link #EXPD_FINE} (EF0..EF11 in the SIMD twins, the same fmas). */
    static double expFineNonPositive(double a) {
        double t = Math.fma(a, LOG2E_D, SHIFTER_D);
        double r = Math.fma(t - SHIFTER_D, -LN2_D, a);
        double pow2 = Double.longBitsToDouble((Double.doubleToRawLongBits(t) - (SHIFTER_D_BITS - 1023)) << 52);
        return horner(EXPD_FINE, r) * pow2;
    }

    /** The fine float64 exp coefficients, for the SIMD twin. */
    public static double[] expFineCoefficients() {
        return EXPD_FINE.clone();
    }

    /** The float64 exp coefficients, for the SIMD twin. */
    public static double[] expDoubleCoefficients() {
        return EXPD.clone();
    }

    /**
     * GELU, tanh form, for float32: x sigma(w), w = x (A + B x^2), in float64 (sigma(w) is w-conditioned: float32
     * w would cost |w| ulps) with its own exp (as in sigmoid: a = -|w| = n ln 2 + r, h = 2^-n, sigma = h / (h + p)
     * or p / (h + p)) and one rounding to float at the end; the SIMD kernel computes the same bits.
     */
    public static float geluTanhF(float xf) {
        double x = xf;
        double w = x * Math.fma(GELU_TANH_B, x * x, GELU_TANH_A);
        double a = Math.max(-Math.abs(w), EXPD_LO);
        double t = Math.fma(a, LOG2E_D, SHIFTER_D);
        double nf = t - SHIFTER_D;
        long n = Double.doubleToRawLongBits(t) - SHIFTER_D_BITS;
        double p = expPoly(Math.fma(nf, -LN2_D, a));
        double h = Double.longBitsToDouble((1023 - n) << 52);
        double sg = (w < 0 ? p : h) / (h + p);
        double xs = x < -800 ? -800 : x;  // gelu(-inf) = -0
        return (float) (xs * sg);
    }

    /** 2 / (2k + 1), k = 0..8: log1p(e) = s (2 + 2 z / 3 + 2 z^2 / 5 + ...), s = e / (2 + e), z = s^2. */
    static final double[] LOG1P_ATANH = {2.0, 2.0 / 3, 2.0 / 5, 2.0 / 7, 2.0 / 9, 2.0 / 11, 2.0 / 13, 2.0 / 15, 2.0 / 17};

    /** The log1p series coefficients, for the SIMD twin. */
    public static double[] log1pAtanhCoefficients() {
        return LOG1P_ATANH.clone();
    }

    /**
     * Softplus for float32: max(x, 0) + log1p(e), e = e^-|x|, in float64 with its own exp (the one above, e = p 2^n,
     * -|x| clamped at -700) and its own log1p: with e in (0, 1], s = e / (2 + e) is at most 1/3 and the atanh series
     * cut after z^8 is within 2e-10 of log1p (next term / first: (1/9)^9 / 19). One rounding to float at the end;
     * the SIMD kernel computes the same bits. The float64 kernels keep {@link #softplus(double)}.
     */
    public static float softplusF(float xf) {
        double x = xf;
        double e = expNonPositive(Math.max(-Math.abs(x), EXPD_LO));
        double sv = e / (e + 2);
        double z = sv * sv;
        double q = horner(LOG1P_ATANH, z);
        return (float) (Math.max(x, 0) + sv * q);
    }

    /**
     * GELU-tanh's derivative for float32: {@link #geluTanhPrime}'s formula, sigma(w) + x sigma'(w) w', with
     * e = e^-|w| from {@link #expFineNonPositive} instead of Math.exp, sigma'(w) as (e / (1 + e)) / (1 + e) (one
     * division); the SIMD kernel computes the same bits.
     */
    public static float geluTanhPrimeF(float xf) {
        double xc = Math.max(Math.min((double) xf, 1e3), -1e3);
        double x2 = xc * xc;
        double w = xc * Math.fma(GELU_TANH_B, x2, GELU_TANH_A);
        double dw = Math.fma(3 * GELU_TANH_B, x2, GELU_TANH_A);
        double e = expFineNonPositive(Math.max(-Math.abs(w), EXPD_LO));
        double inv = 1 / (e + 1);
        double q = e * inv;
        double sg = w < 0 ? q : inv;
        double sp = q * inv;
        return (float) (xc * sp * dw + sg);
    }

    /**
     * GELU-erf's derivative for float32, Phi(x) + x phi(x): {@link #phiNeg}'s tail (the full H) with
     * {@link #expFineNonPositive}, and one exp for both terms, e^(-a^2/2) with a = min(|x|, PHI_A_MAX) (beyond it
     * x phi(x) is below float's smallest subnormal); the SIMD kernel computes the same bits.
     */
    public static float geluErfPrimeF(float xf) {
        double x = xf;
        double ac = Math.min(Math.abs(x), PHI_A_MAX);
        double tt = 2 / (2 + ac);
        double s = tt - 0.5;
        double h = horner(PHI_H, s);
        double e = expFineNonPositive(-0.5 * ac * ac);
        double tail = e * tt * h;
        double cdf = x < 0 ? tail : 1 - tail;
        double xk = Math.max(Math.min(x, PHI_A_MAX), -PHI_A_MAX);
        return (float) (xk * INV_SQRT_2PI * e + cdf);
    }

    public static double geluTanhPrime(double x) {
        double xc = Math.max(Math.min(x, 1e3), -1e3);  // the derivative is 1 or 0 long before; no inf * 0
        double x2 = xc * xc;
        double w = xc * Math.fma(GELU_TANH_B, x2, GELU_TANH_A);
        double dw = Math.fma(3 * GELU_TANH_B, x2, GELU_TANH_A);
        return sigmoid(w) + xc * sigmoidPrime(w) * dw;
    }
}
