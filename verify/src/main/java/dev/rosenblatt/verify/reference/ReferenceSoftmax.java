package dev.rosenblatt.verify.reference;

import org.apache.commons.math3.util.FastMath;

/** Softmax and log-softmax of one row, and their backward passes, in double. */
public final class ReferenceSoftmax {

    private ReferenceSoftmax() {
    }

    public static double max(double[] x) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            m = FastMath.max(m, v);
        }
        return m;
    }

    /** log sum exp(x - max). */
    public static double logSumExpShifted(double[] x) {
        double m = max(x);
        double s = 0;
        for (double v : x) {
            s += FastMath.exp(v - m);
        }
        return FastMath.log(s);
    }

    public static double[] softmax(double[] x) {
        double m = max(x);
        double s = 0;
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = FastMath.exp(x[i] - m);
            s += y[i];
        }
        for (int i = 0; i < x.length; i++) {
            y[i] /= s;
        }
        return y;
    }

    public static double[] logSoftmax(double[] x) {
        double m = max(x);
        double l = logSumExpShifted(x);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (x[i] - m) - l;
        }
        return y;
    }

    /** The vector-Jacobian product of softmax: y (dOut - sum(dOut y)). */
    public static double[] softmaxBackward(double[] dOut, double[] y) {
        double dot = 0;
        for (int i = 0; i < y.length; i++) {
            dot += dOut[i] * y[i];
        }
        double[] dIn = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            dIn[i] = y[i] * (dOut[i] - dot);
        }
        return dIn;
    }

    /** The vector-Jacobian product of log-softmax: dOut - exp(y) sum(dOut), y being log-softmax's output. */
    public static double[] logSoftmaxBackward(double[] dOut, double[] y) {
        double sum = 0;
        for (double d : dOut) {
            sum += d;
        }
        double[] dIn = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            dIn[i] = dOut[i] - FastMath.exp(y[i]) * sum;
        }
        return dIn;
    }
}
