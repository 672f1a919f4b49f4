package dev.rosenblatt.kernels.simd;

import dev.rosenblatt.kernels.scalar.ScalarMath;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The constants of the vectorised elementary functions, and the float32 exp as a whole-vector helper for the small row
 * passes of {@link SimdRows} and the log-softmax backward. The activation kernels in {@link SimdActivations} write the
 * same operations out inline in their loops instead of calling helpers: C2 refuses to inline helpers into a method
 * whose graph is already large (NodeCountInliningCutoff, "callee is too large"), and a vector passed to a method that
 * is not inlined is boxed on the heap, which made the kernels 10 to 100 times slower. Functions and inline copies are
 * lane for lane the operations of {@link ScalarMath}, in the same order, so that the SIMD body and the scalar tail
 * (and the scalar provider) give the same bits. See ScalarMath for the algorithms. The float64 constants serve GELU
 * (both forms), softplus and BCE, whose float32 kernels compute in float64 with an inline exp (and, for softplus, an
 * inline log1p) and round once.
 */
final class SimdMath {

    static final VectorSpecies<Float> F = SimdSpecies.F32;
    static final VectorSpecies<Double> D = SimdSpecies.F64;
    static final VectorSpecies<Integer> I = F.withLanes(int.class);

    static final float LOG2E = 0x1.715476p0f;
    static final float LN2_HI = 0x1.62e4p-1f;
    static final float LN2_LO = 0x1.7f7d1cp-20f;
    static final float SHIFTER = 0x1.8p23f;
    static final int SHIFTER_BITS = Float.floatToRawIntBits(SHIFTER);
    static final float EXP_HI = 89f;
    static final float EXP_LO = -150f;
    static final float Q0 = 0x1.000000p-1f;
    static final float Q1 = 0x1.555554p-3f;
    static final float Q2 = 0x1.555502p-5f;
    static final float Q3 = 0x1.11134ap-7f;
    static final float Q4 = 0x1.6d2e28p-10f;
    static final float Q5 = 0x1.9d6caap-13f;
    static final int SIGN = 0x80000000;
    static final float R0 = 0x1.000000p-1f;
    static final float R1 = 0x1.5554dep-3f;
    static final float R2 = 0x1.555584p-5f;
    static final float R3 = 0x1.120aeep-7f;
    static final float R4 = 0x1.6c8bf2p-10f;
    static final float FAST_LO = -80f;
    static final float TANH_ONE = 9.1f;
    /** (127 + SHIFTER_BITS) - bits(t) = 127 - n: the biased exponent of 2^-n; one less for 2^(-n-1). */
    static final int POW2_NEG = 127 + SHIFTER_BITS;

    private SimdMath() {
    }

    /** round(xc / ln 2) + 1.5 * 2^23, whose low mantissa bits hold n. */
    private static FloatVector shifted(FloatVector xc) {
        return xc.fma(LOG2E, SHIFTER);
    }

    private static IntVector nOf(FloatVector shifted) {
        return shifted.reinterpretAsInts().sub(SHIFTER_BITS);
    }

    /** e^r - 1 where r = xc - n ln 2 and nf = n as a float. */
    private static FloatVector expS(FloatVector xc, FloatVector nf) {
        FloatVector r = nf.fma(FloatVector.broadcast(F, -LN2_HI), xc);
        r = nf.fma(FloatVector.broadcast(F, -LN2_LO), r);
        FloatVector q = FloatVector.broadcast(F, Q5).fma(r, FloatVector.broadcast(F, Q4));
        q = q.fma(r, FloatVector.broadcast(F, Q3));
        q = q.fma(r, FloatVector.broadcast(F, Q2));
        q = q.fma(r, FloatVector.broadcast(F, Q1));
        q = q.fma(r, FloatVector.broadcast(F, Q0));
        return r.mul(r).fma(q, r);
    }

    /** v * 2^n in two exact factors, so that the only rounding is the last multiply. */
    private static FloatVector scale(FloatVector v, IntVector n) {
        IntVector n1 = n.lanewise(VectorOperators.ASHR, 1);
        IntVector n2 = n.sub(n1);
        FloatVector f1 = n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector f2 = n2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return v.mul(f1).mul(f2);
    }

    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(EXP_LO).min(EXP_HI);
        FloatVector t = shifted(xc);
        FloatVector nf = t.sub(SHIFTER);
        return scale(expS(xc, nf).add(1f), nOf(t));
    }

    // ---- float64, for the kernels that compute in float64 and round once ----

    static final double GELU_TANH_A = 2 * Math.sqrt(2 / Math.PI);
    static final double GELU_TANH_B = GELU_TANH_A * 0.044715;
    static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    static final double PHI_A_MAX = 15.0;
    private static final double[] EXPD = ScalarMath.expDoubleCoefficients();
    static final double ED0 = EXPD[0];
    static final double ED1 = EXPD[1];
    static final double ED2 = EXPD[2];
    static final double ED3 = EXPD[3];
    static final double ED4 = EXPD[4];
    static final double ED5 = EXPD[5];
    static final double ED6 = EXPD[6];
    static final double LOG2E_D = 0x1.71547652b82fep0;
    static final double LN2_D = 0x1.62e42fefa39efp-1;
    static final double SHIFTER_D = 0x1.8p52;
    /** (1023 + bits(SHIFTER_D)) - bits(t) = 1023 - n: the biased exponent of 2^-n. */
    static final long POW2_NEG_D = 1023 + Double.doubleToRawLongBits(SHIFTER_D);
    static final long EXPD_LO_BITS = Double.doubleToRawLongBits(-700.0);
    /** bits(t) - this = the biased exponent of 2^n, shifted down by 52, where t = a log2 e + SHIFTER_D. */
    static final long POW2_POS_D = Double.doubleToRawLongBits(SHIFTER_D) - 1023;
    private static final double[] LOG1P = ScalarMath.log1pAtanhCoefficients();
    static final double LP0 = LOG1P[0];
    static final double LP1 = LOG1P[1];
    static final double LP2 = LOG1P[2];
    static final double LP3 = LOG1P[3];
    static final double LP4 = LOG1P[4];
    static final double LP5 = LOG1P[5];
    static final double LP6 = LOG1P[6];
    static final double LP7 = LOG1P[7];
    static final double LP8 = LOG1P[8];
    private static final double[] EXPD_FINE = ScalarMath.expFineCoefficients();
    static final double EF0 = EXPD_FINE[0];
    static final double EF1 = EXPD_FINE[1];
    static final double EF2 = EXPD_FINE[2];
    static final double EF3 = EXPD_FINE[3];
    static final double EF4 = EXPD_FINE[4];
    static final double EF5 = EXPD_FINE[5];
    static final double EF6 = EXPD_FINE[6];
    static final double EF7 = EXPD_FINE[7];
    static final double EF8 = EXPD_FINE[8];
    static final double EF9 = EXPD_FINE[9];
    static final double EF10 = EXPD_FINE[10];
    static final double EF11 = EXPD_FINE[11];
    private static final double[] PHI_H = ScalarMath.phiTailCoefficients();
    static final double H0 = PHI_H[0];
    static final double H1 = PHI_H[1];
    static final double H2 = PHI_H[2];
    static final double H3 = PHI_H[3];
    static final double H4 = PHI_H[4];
    static final double H5 = PHI_H[5];
    static final double H6 = PHI_H[6];
    static final double H7 = PHI_H[7];
    static final double H8 = PHI_H[8];
    static final double H9 = PHI_H[9];
    static final double H10 = PHI_H[10];
    static final double H11 = PHI_H[11];
    static final double H12 = PHI_H[12];
    static final double H13 = PHI_H[13];
    static final double H14 = PHI_H[14];
    static final double H15 = PHI_H[15];
    static final double H16 = PHI_H[16];
    static final double H17 = PHI_H[17];
    static final double H18 = PHI_H[18];
    private static final double[] PHI_HF = ScalarMath.phiTailCoefficientsF32();
    static final double HF0 = PHI_HF[0];
    static final double HF1 = PHI_HF[1];
    static final double HF2 = PHI_HF[2];
    static final double HF3 = PHI_HF[3];
    static final double HF4 = PHI_HF[4];
    static final double HF5 = PHI_HF[5];
    static final double HF6 = PHI_HF[6];
    static final double HF7 = PHI_HF[7];
    static final double HF8 = PHI_HF[8];
    static final double HF9 = PHI_HF[9];
    static final double HF10 = PHI_HF[10];
    static final double HF11 = PHI_HF[11];
    static final double HF12 = PHI_HF[12];
    static {
        if (PHI_H.length != 19) {
            throw new AssertionError("SimdActivations unrolls H with 19 coefficients");
        }
        if (EXPD_FINE.length != 12) {
            throw new AssertionError("SimdActivations unrolls the fine exp with 12 coefficients");
        }
        if (PHI_HF.length != 13) {
            throw new AssertionError("SimdActivations unrolls the float32 kernel's H with 13 coefficients");
        }
    }
}
