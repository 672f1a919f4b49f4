package dev.rosenblatt.verify.reference;

import org.apache.commons.math3.util.FastMath;

/**
 * The losses in double, on a batch of B rows: the value averaged over the batch and its gradient with respect to
 * the prediction (written into {@code grad}), by the same definitions the kernels document. {@link #lastScale}
 * is the batch mean of the summed magnitudes of each loss's terms, the scale of a rounding error of the value.
 */
public final class ReferenceLosses {

    private double lastScale;

    /** The magnitude of the terms of the last value computed (see the class comment). */
    public double lastScale() {
        return lastScale;
    }

    /** (1/B) sum ||p_i - t_i||^2; grad = 2 (p - t) / B. */
    public double mse(double[][] grad, double[][] p, double[][] t) {
        int b = p.length;
        double sum = 0;
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < p[i].length; j++) {
                double d = p[i][j] - t[i][j];
                sum += d * d;
                grad[i][j] = 2 * d / b;
            }
        }
        lastScale = sum / b;
        return sum / b;
    }

    /** (1/B) sum max(x, 0) - x t + log(1 + e^-|x|); grad = (sigma(x) - t) / B. */
    public double bceWithLogits(double[][] grad, double[][] x, double[][] t) {
        int b = x.length;
        double sum = 0;
        double scale = 0;
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < x[i].length; j++) {
                double v = x[i][j];
                double log = FastMath.log1p(FastMath.exp(-FastMath.abs(v)));
                sum += FastMath.max(v, 0) - v * t[i][j] + log;
                scale += FastMath.max(v, 0) + FastMath.abs(v * t[i][j]) + log;
                grad[i][j] = (ReferenceActivations.sigmoid(v) - t[i][j]) / b;
            }
        }
        lastScale = scale / b;
        return sum / b;
    }

    /** (1/B) sum over rows of logsumexp(x_i) - x_i[label_i]; grad = (softmax(x_i) - onehot) / B. */
    public double softmaxCrossEntropy(double[][] grad, double[][] x, int[] labels) {
        int b = x.length;
        double sum = 0;
        double scale = 0;
        for (int i = 0; i < b; i++) {
            double m = ReferenceSoftmax.max(x[i]);
            double l = ReferenceSoftmax.logSumExpShifted(x[i]);
            sum += m + l - x[i][labels[i]];
            scale += FastMath.abs(m) + l + FastMath.abs(x[i][labels[i]]);
            double[] y = ReferenceSoftmax.softmax(x[i]);
            for (int j = 0; j < y.length; j++) {
                grad[i][j] = (y[j] - (j == labels[i] ? 1 : 0)) / b;
            }
        }
        lastScale = scale / b;
        return sum / b;
    }

    /** (1/B) sum max(0, margin - t s); grad = -t / B where the margin is violated, else 0. */
    public double hinge(double[][] grad, double[][] s, double[][] t, double margin) {
        int b = s.length;
        double sum = 0;
        double scale = 0;
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < s[i].length; j++) {
                double v = margin - t[i][j] * s[i][j];
                sum += FastMath.max(0, v);
                scale += FastMath.abs(margin) + FastMath.abs(t[i][j] * s[i][j]);
                grad[i][j] = v > 0 ? -t[i][j] / b : 0;
            }
        }
        lastScale = scale / b;
        return sum / b;
    }
}
