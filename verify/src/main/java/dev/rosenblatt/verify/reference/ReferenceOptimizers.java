package dev.rosenblatt.verify.reference;

import org.apache.commons.math3.util.FastMath;

/**
 * The optimizer updates of one parameter in double, from the definitions the kernels document. Each returns the
 * new values; {@code scale} arrays receive the magnitude of the terms of each result, against which a float32
 * rounding error is judged.
 */
public final class ReferenceOptimizers {

    private ReferenceOptimizers() {
    }

    /** p - lr g. */
    public static double sgd(double p, double g, double lr) {
        return p - lr * g;
    }

    public static double sgdScale(double p, double g, double lr) {
        return FastMath.abs(p) + FastMath.abs(lr * g);
    }

    /** {new p, new v}: v = mu v + g; p -= lr v, or (Nesterov) p -= lr (g + mu v). */
    public static double[] momentum(double p, double g, double v, double lr, double mu, boolean nesterov) {
        double v1 = mu * v + g;
        double p1 = nesterov ? p - lr * (g + mu * v1) : p - lr * v1;
        return new double[] {p1, v1};
    }

    /** {scale of p, scale of v}. */
    public static double[] momentumScale(double p, double g, double v, double lr, double mu, boolean nesterov) {
        double v1 = FastMath.abs(mu * v) + FastMath.abs(g);
        double p1 = FastMath.abs(p) + FastMath.abs(lr) * (nesterov ? FastMath.abs(g) + FastMath.abs(mu) * v1 : v1);
        return new double[] {p1, v1};
    }

    /**
     * {new p, new m, new v} of AdamW with bias correction: m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2,
     * p -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps) + lr wd p.
     */
    public static double[] adam(double p, double g, double m, double v, double lr, double b1, double b2, double eps,
                                double wd, long t) {
        double m1 = b1 * m + (1 - b1) * g;
        double v1 = b2 * v + (1 - b2) * g * g;
        double mHat = m1 / (1 - FastMath.pow(b1, (double) t));
        double vHat = v1 / (1 - FastMath.pow(b2, (double) t));
        double p1 = p - lr * mHat / (FastMath.sqrt(vHat) + eps) - lr * wd * p;
        return new double[] {p1, m1, v1};
    }

    /** {scale of p, scale of m, scale of v}. */
    public static double[] adamScale(double p, double g, double m, double v, double lr, double b1, double b2,
                                     double eps, double wd, long t) {
        double m1 = FastMath.abs(b1 * m) + FastMath.abs((1 - b1) * g);
        double v1 = FastMath.abs(b2 * v) + FastMath.abs((1 - b2) * g * g);
        double[] exact = adam(p, g, m, v, lr, b1, b2, eps, wd, t);
        double step = FastMath.abs(p - exact[0] - lr * wd * p);
        return new double[] {FastMath.abs(p) + step + FastMath.abs(lr * wd * p), m1, v1};
    }

    /** g + lambda p. */
    public static double l2WeightDecay(double g, double p, double lambda) {
        return g + lambda * p;
    }
}
