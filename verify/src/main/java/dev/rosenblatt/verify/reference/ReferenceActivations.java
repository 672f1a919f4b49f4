package dev.rosenblatt.verify.reference;

import dev.rosenblatt.kernels.Activation;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.util.FastMath;

/**
 * Every activation and its derivative in double, written from the mathematical definitions with commons-math3
 * (FastMath, Erf), not from the kernels. Forms are chosen so that double rounding is negligible against float32
 * error: sigmoid split by sign, Phi from erfc (never 1 + erf, which cancels in the negative tail), tanh' from
 * exp(-2|x|) (1 - tanh^2 is 0 in double beyond |x| ~ 19).
 */
public final class ReferenceActivations {

    private static final double SQRT_2_OVER_PI = FastMath.sqrt(2 / FastMath.PI);
    private static final double GELU_CUBIC = 0.044715;

    private ReferenceActivations() {
    }

    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + FastMath.exp(-x));
        }
        double e = FastMath.exp(x);
        return e / (1 + e);
    }

    /** Phi(x), the standard normal CDF. */
    public static double phi(double x) {
        return x < 0 ? 0.5 * Erf.erfc(-x / FastMath.sqrt(2)) : 1 - 0.5 * Erf.erfc(x / FastMath.sqrt(2));
    }

    public static double forward(Activation op, double param, double x) {
        return switch (op) {
            case IDENTITY -> x;
            case STEP -> Double.isNaN(x) ? x : x > 0 ? 1 : 0;
            case SIGMOID -> sigmoid(x);
            case TANH -> FastMath.tanh(x);
            case RELU -> Double.isNaN(x) ? x : FastMath.max(x, 0);
            case LEAKY_RELU -> x > 0 ? x : param * x;
            case ELU -> x > 0 ? x : param * FastMath.expm1(x);
            case GELU_ERF -> x * phi(x);
            // 0.5 x (1 + tanh z) = x sigma(2z), without 1 + tanh z cancelling for z << 0
            case GELU_TANH -> x * sigmoid(2 * geluTanhArgument(x));
            case SILU -> x * sigmoid(x);
            case SOFTPLUS -> FastMath.max(x, 0) + FastMath.log1p(FastMath.exp(-FastMath.abs(x)));
        };
    }

    /** f'(x) as the backward kernel defines it (STEP: the straight-through estimator, 1). */
    public static double derivative(Activation op, double param, double x) {
        return switch (op) {
            case IDENTITY, STEP -> 1;
            case SIGMOID -> sigmoid(x) * sigmoid(-x);
            case TANH -> {
                double e = FastMath.exp(-2 * FastMath.abs(x));
                yield 4 * e / ((1 + e) * (1 + e));
            }
            case RELU -> x > 0 ? 1 : 0;
            case LEAKY_RELU -> x > 0 ? 1 : param;
            case ELU -> x > 0 ? 1 : param * FastMath.exp(x);
            case GELU_ERF -> phi(x) + x * normalDensity(x);
            case GELU_TANH -> {
                double s = sigmoid(2 * geluTanhArgument(x));
                yield s + x * s * (1 - s) * 2 * SQRT_2_OVER_PI * (1 + 3 * GELU_CUBIC * x * x);
            }
            case SILU -> sigmoid(x) + x * sigmoid(x) * sigmoid(-x);
            case SOFTPLUS -> sigmoid(x);
        };
    }

    /**
     * The magnitude of the terms that make up f'(x): the scale against which a rounding error of the derivative is
     * judged. It equals |f'(x)| except where f' is a sum of terms of opposite sign (GELU and SiLU for x &lt; 0),
     * where a float computation cannot be accurate relative to the small result, only relative to the terms.
     */
    public static double derivativeScale(Activation op, double param, double x) {
        return switch (op) {
            case GELU_ERF -> FastMath.abs(phi(x)) + FastMath.abs(x * normalDensity(x));
            case GELU_TANH -> {
                double s = sigmoid(2 * geluTanhArgument(x));
                yield s + FastMath.abs(x * s * (1 - s) * 2 * SQRT_2_OVER_PI * (1 + 3 * GELU_CUBIC * x * x));
            }
            case SILU -> sigmoid(x) + FastMath.abs(x * sigmoid(x) * sigmoid(-x));
            default -> FastMath.abs(derivative(op, param, x));
        };
    }

    private static double geluTanhArgument(double x) {
        return SQRT_2_OVER_PI * (x + GELU_CUBIC * x * x * x);
    }

    private static double normalDensity(double x) {
        return FastMath.exp(-0.5 * x * x) / FastMath.sqrt(2 * FastMath.PI);
    }
}
