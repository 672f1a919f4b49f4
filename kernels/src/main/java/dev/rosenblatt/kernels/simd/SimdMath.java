package dev.rosenblatt.kernels.simd;

import dev.rosenblatt.kernels.scalar.ScalarMath;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The elementary functions on whole vectors: lane for lane the operations of {@link ScalarMath}, in the same
 * order, so that the SIMD body and the scalar tail (and the scalar provider) give the same bits. See ScalarMath for
 * the algorithms. The float64 functions serve GELU (both forms) and softplus, whose float32 kernels compute in
 * float64 and round once; they use the Vector API's float64 EXP and LOG1P (documented within 1 ulp of Math's,
 * which is a billion times finer than a float ulp).
 */
final class SimdMath {

    static final VectorSpecies<Float> F = SimdSpecies.F32;
    static final VectorSpecies<Double> D = SimdSpecies.F64;
    static final VectorSpecies<Integer> I = F.withLanes(int.class);

    private static final float LOG2E = 0x1.715476p0f;
    private static final float LN2_HI = 0x1.62e4p-1f;
    private static final float LN2_LO = 0x1.7f7d1cp-20f;
    private static final float SHIFTER = 0x1.8p23f;
    private static final int SHIFTER_BITS = Float.floatToRawIntBits(SHIFTER);
    private static final float EXP_HI = 89f;
    private static final float EXP_LO = -150f;
    private static final float Q0 = 0x1.000000p-1f;
    private static final float Q1 = 0x1.555554p-3f;
    private static final float Q2 = 0x1.555502p-5f;
    private static final float Q3 = 0x1.11134ap-7f;
    private static final float Q4 = 0x1.6d2e28p-10f;
    private static final float Q5 = 0x1.9d6caap-13f;
    private static final float TANH_SMALL = 0.55f;
    private static final float P0 = -0x1.555556p-2f;
    private static final float P1 = 0x1.11119ap-3f;
    private static final float P2 = -0x1.ba56c0p-5f;
    private static final float P3 = 0x1.6ba8aap-6f;
    private static final float P4 = -0x1.5ddec2p-7f;
    private static final float P5 = 0x1.11db62p-7f;
    private static final float P6 = -0x1.8c3a3cp-8f;
    private static final int SIGN = 0x80000000;

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

    static FloatVector expm1(FloatVector x) {
        FloatVector xc = x.max(EXP_LO).min(EXP_HI);
        FloatVector t = shifted(xc);
        FloatVector nf = t.sub(SHIFTER);
        FloatVector pw = scale(FloatVector.broadcast(F, 1f), nOf(t));
        return expS(xc, nf).fma(pw, pw.sub(1f));
    }

    private static FloatVector logistic(FloatVector x, boolean silu) {
        FloatVector a = x.abs().neg().max(EXP_LO);
        FloatVector t = shifted(a);
        FloatVector nf = t.sub(SHIFTER);
        IntVector n = nOf(t);
        FloatVector p = expS(a, nf).add(1f);
        FloatVector e = scale(p, n);
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector den = e.add(1f);
        FloatVector dl = one.sub(den).add(e);
        FloatVector inv = one.div(den);
        VectorMask<Float> neg = x.compare(VectorOperators.LT, 0f);
        FloatVector num = one.blend(p, neg);
        FloatVector q = num.mul(inv);
        FloatVector rem = q.neg().fma(den, num).sub(q.mul(dl));
        FloatVector lo = rem.mul(inv);
        IntVector m = IntVector.zero(I).blend(n, neg.cast(I));
        if (silu) {
            FloatVector xs = x.max(EXP_LO);
            FloatVector y = scale(xs.fma(q, xs.mul(lo)), m);
            return y.blend(x, x.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
        }
        return scale(q.add(lo), m);
    }

    static FloatVector sigmoid(FloatVector x) {
        return logistic(x, false);
    }

    static FloatVector silu(FloatVector x) {
        return logistic(x, true);
    }

    static FloatVector tanh(FloatVector x) {
        FloatVector ax = x.abs();
        FloatVector x2 = x.mul(x);
        FloatVector p = FloatVector.broadcast(F, P6).fma(x2, FloatVector.broadcast(F, P5));
        p = p.fma(x2, FloatVector.broadcast(F, P4));
        p = p.fma(x2, FloatVector.broadcast(F, P3));
        p = p.fma(x2, FloatVector.broadcast(F, P2));
        p = p.fma(x2, FloatVector.broadcast(F, P1));
        p = p.fma(x2, FloatVector.broadcast(F, P0));
        FloatVector small = x.fma(x2.mul(p), x);

        FloatVector e = exp(ax.mul(-2f));
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector den = e.add(1f);
        FloatVector dl = one.sub(den).add(e);
        FloatVector inv = one.div(den);
        FloatVector num = e.mul(2f);
        FloatVector q = num.mul(inv);
        FloatVector rem = q.neg().fma(den, num).sub(q.mul(dl));
        FloatVector y = one.sub(rem.fma(inv, q));
        IntVector signed = y.reinterpretAsInts().and(~SIGN).or(x.reinterpretAsInts().and(SIGN));
        FloatVector large = signed.reinterpretAsFloats();
        return large.blend(small, ax.compare(VectorOperators.LT, TANH_SMALL));
    }

    static FloatVector sigmoidPrime(FloatVector x) {
        FloatVector e = exp(x.abs().neg());
        FloatVector d = e.add(1f);
        return e.div(d.mul(d));
    }

    static FloatVector siluPrime(FloatVector x) {
        FloatVector e = exp(x.abs().neg());
        FloatVector d = e.add(1f);
        FloatVector inv = FloatVector.broadcast(F, 1f).div(d);
        FloatVector s = inv.blend(e.mul(inv), x.compare(VectorOperators.LT, 0f));
        FloatVector xs = x.max(EXP_LO).min(-EXP_LO);
        return xs.mul(e).fma(inv.mul(inv), s);
    }

    static FloatVector tanhPrime(FloatVector x) {
        FloatVector e = exp(x.abs().mul(-2f));
        FloatVector d = e.add(1f);
        return e.mul(4f).div(d.mul(d));
    }

    // ---- float64, for the kernels that compute in float64 and round once ----

    private static final double GELU_TANH_A = 2 * Math.sqrt(2 / Math.PI);
    private static final double GELU_TANH_B = GELU_TANH_A * 0.044715;
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    private static final double PHI_A_MAX = 15.0;
    private static final double[] PHI_H = ScalarMath.phiTailCoefficients();

    static DoubleVector sigmoid(DoubleVector x) {
        DoubleVector e = x.abs().neg().lanewise(VectorOperators.EXP);
        DoubleVector inv = DoubleVector.broadcast(D, 1).div(e.add(1));
        return inv.blend(e.mul(inv), x.compare(VectorOperators.LT, 0));
    }

    static DoubleVector sigmoidPrime(DoubleVector x) {
        DoubleVector e = x.abs().neg().lanewise(VectorOperators.EXP);
        DoubleVector d = e.add(1);
        return e.div(d.mul(d));
    }

    static DoubleVector phiNeg(DoubleVector a) {
        DoubleVector ac = a.min(PHI_A_MAX);
        DoubleVector t = DoubleVector.broadcast(D, 2).div(ac.add(2));
        DoubleVector s = t.sub(0.5);
        DoubleVector h = DoubleVector.broadcast(D, PHI_H[PHI_H.length - 1]);
        for (int k = PHI_H.length - 2; k >= 0; k--) {
            h = h.fma(s, DoubleVector.broadcast(D, PHI_H[k]));
        }
        return ac.mul(-0.5).mul(ac).lanewise(VectorOperators.EXP).mul(t).mul(h);
    }

    static DoubleVector geluErf(DoubleVector x) {
        DoubleVector tail = phiNeg(x.abs());
        DoubleVector xs = x.max(-2 * PHI_A_MAX);
        return x.mul(DoubleVector.broadcast(D, 1).sub(tail)).blend(xs.mul(tail), x.compare(VectorOperators.LT, 0));
    }

    static DoubleVector geluErfPrime(DoubleVector x) {
        DoubleVector tail = phiNeg(x.abs());
        DoubleVector cdf = DoubleVector.broadcast(D, 1).sub(tail).blend(tail, x.compare(VectorOperators.LT, 0));
        DoubleVector xc = x.min(2 * PHI_A_MAX).max(-2 * PHI_A_MAX);
        return xc.mul(INV_SQRT_2PI).mul(xc.mul(-0.5).mul(xc).lanewise(VectorOperators.EXP)).add(cdf);
    }

    static DoubleVector geluTanh(DoubleVector x) {
        DoubleVector w = x.mul(DoubleVector.broadcast(D, GELU_TANH_B).fma(x.mul(x), DoubleVector.broadcast(D, GELU_TANH_A)));
        return x.max(-800).mul(sigmoid(w));
    }

    static DoubleVector geluTanhPrime(DoubleVector x) {
        DoubleVector xc = x.min(1e3).max(-1e3);
        DoubleVector x2 = xc.mul(xc);
        DoubleVector w = xc.mul(DoubleVector.broadcast(D, GELU_TANH_B).fma(x2, DoubleVector.broadcast(D, GELU_TANH_A)));
        DoubleVector dw = DoubleVector.broadcast(D, 3 * GELU_TANH_B).fma(x2, DoubleVector.broadcast(D, GELU_TANH_A));
        return xc.mul(sigmoidPrime(w)).mul(dw).add(sigmoid(w));
    }

    static DoubleVector softplus(DoubleVector x) {
        DoubleVector l = x.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
        return x.max(0).add(l);
    }
}
