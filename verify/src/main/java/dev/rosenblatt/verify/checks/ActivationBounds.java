package dev.rosenblatt.verify.checks;

import dev.rosenblatt.kernels.Activation;
import dev.rosenblatt.verify.harness.Ulps;
import dev.rosenblatt.verify.reference.ReferenceActivations;

/**
 * The stated accuracy of the float32 activation kernels, judged one input at a time (shared by the sampled
 * harness and the exhaustive sweeps).
 *
 * <p>Forward: at most 2 ulp from the double reference rounded to float for the functions built on exp, log1p and
 * erf (the bound of kernels' ActivationAccuracyTest); exact (0 ulp) for identity, step, ReLU and leaky ReLU, which
 * are one comparison and at most one correctly rounded product. GELU and SiLU, which multiply x by a factor that
 * underflows, may also be off by one subnormal step (Float.MIN_VALUE) absolutely. NaN must give NaN; where the
 * reference rounds to an infinity the kernel must return that infinity.
 *
 * <p>Derivative (backward with dOut = 1 onto dIn = 0): at most 4 ulp, or an absolute error of at most 8 u times
 * the magnitude of the terms of f' (see {@link ReferenceActivations#derivativeScale}), u = 2^-24, plus (1 + |x|)
 * subnormal steps for gradual underflow (see {@link #derivativeRatio}): f' is a product
 * of two 2-ulp values (sigmoid, SiLU) or a sum of terms of opposite sign (GELU for x &lt; 0), which no float
 * computation gets within a few ulp of the small result. The constant 8: the 2-ulp primitive inside (sigma, Phi:
 * up to 4 u relative) enters every term, so contributes 4 u terms by itself, and the products and sums that combine
 * the terms add up to 4 roundings more. (A first bound of 4 u terms was broken by SiLU' at x = -5.0067015, 4.5 u
 * terms, which only the exhaustive sweep found.) Exact for the piecewise-linear functions. NaN inputs are
 * not judged for derivatives (the straight-through estimators pass the gradient whatever x is).
 */
public final class ActivationBounds {

    public static final long FORWARD_ULPS = 2;
    public static final long DERIVATIVE_ULPS = 4;
    public static final double DERIVATIVE_TERMS = 8;

    private ActivationBounds() {
    }

    public static float param(Activation op) {
        return switch (op) {
            case LEAKY_RELU -> 0.01f;
            case ELU -> 1f;
            default -> 0f;
        };
    }

    public static boolean exact(Activation op) {
        return op == Activation.IDENTITY || op == Activation.STEP || op == Activation.RELU
                || op == Activation.LEAKY_RELU;
    }

    static boolean subnormalAllowance(Activation op) {
        return op == Activation.GELU_ERF || op == Activation.GELU_TANH || op == Activation.SILU;
    }

    /** The reference at x; where it is NaN at an infinite x (x * 0), the limit taken at a huge argument. */
    public static double forwardReference(Activation op, float param, float x) {
        double r = ReferenceActivations.forward(op, param, x);
        if (Double.isNaN(r) && !Float.isNaN(x)) {
            r = ReferenceActivations.forward(op, param, Math.max(-1e30, Math.min(1e30, x)));
        }
        return r;
    }

    public static boolean forwardOk(Activation op, float x, float y, double ref) {
        if (Float.isNaN(x)) {
            return Float.isNaN(y);
        }
        float expected = (float) ref;
        if (Float.isInfinite(expected) || !Float.isFinite(y)) {
            return y == expected;
        }
        long ulps = Ulps.distance(y, expected);
        if (ulps <= (exact(op) ? 0 : FORWARD_ULPS)) {
            return true;
        }
        return subnormalAllowance(op) && Math.abs(y - ref) <= Float.MIN_VALUE;
    }

    public static String forwardBound(Activation op) {
        return exact(op) ? "0 ulp" : FORWARD_ULPS + " ulp" + (subnormalAllowance(op) ? " or |err| <= 2^-149" : "");
    }

    public static double derivativeReference(Activation op, float param, float x) {
        double r = ReferenceActivations.derivative(op, param, x);
        if (Double.isNaN(r) && !Float.isNaN(x)) {
            r = ReferenceActivations.derivative(op, param, Math.max(-1e30, Math.min(1e30, x)));
        }
        return r;
    }

    /**
     * The error over its allowance 8 u terms + (1 + |x|) 2^-149: the second part is gradual underflow, where an
     * intermediate such as sigma(x) for x &lt; -87 keeps only absolute accuracy (half a subnormal step) and is then
     * multiplied by x (SiLU', GELU').
     */
    public static double derivativeRatio(Activation op, float param, float x, float y, double ref) {
        double scale = ReferenceActivations.derivativeScale(op, param, Math.max(-1e30, Math.min(1e30, x)));
        double err = Math.abs(y - ref);
        double allowance = DERIVATIVE_TERMS * Ulps.U32 * scale + (1 + Math.abs((double) x)) * Float.MIN_VALUE;
        return err == 0 ? 0 : err / allowance;
    }

    public static boolean derivativeOk(Activation op, float param, float x, float y, double ref) {
        if (Float.isNaN(x)) {
            return true;
        }
        if (!Float.isFinite(y)) {
            return false;
        }
        long ulps = Ulps.distance(y, (float) ref);
        if (exact(op)) {
            return ulps == 0;
        }
        return ulps <= DERIVATIVE_ULPS || derivativeRatio(op, param, x, y, ref) <= 1;
    }

    public static String derivativeBound(Activation op) {
        return exact(op) ? "0 ulp" : DERIVATIVE_ULPS + " ulp or |err| <= " + (int) DERIVATIVE_TERMS
                + "u*terms + (1+|x|)2^-149";
    }
}
