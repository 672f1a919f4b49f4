package dev.rosenblatt.verify.checks;

import dev.rosenblatt.kernels.Activation;
import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.F64Matrix;
import dev.rosenblatt.kernels.memory.F64Vector;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.verify.harness.ErrorStats;
import dev.rosenblatt.verify.harness.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Every float64 backward kernel against central finite differences of its own forward kernel: (f(x + h) -
 * f(x - h)) / 2h, h = 1e-5, whose truncation (h^2 f''' / 6) and rounding (u f / h) errors stay below 1e-8 for
 * these inputs. Judged like the network check in nn: |analytic - numeric| / max(|analytic| + |numeric|, 1e-4)
 * at most 1e-6. Inputs stay 1e-3 away from the kinks of ReLU, leaky ReLU, ELU and the hinge, where no difference
 * quotient converges. STEP is left out: its backward is the straight-through estimator, not its derivative.
 */
public final class GradientChecks {

    static final double H = 1e-5;
    static final double MAX_RELATIVE = 1e-6;
    /** The ratio column is the relative error over 1e-6. */
    static final String BOUND = "rel <= 1e-6 (finite differences)";

    private GradientChecks() {
    }

    public static List<KernelCheck> all() {
        List<KernelCheck> checks = new ArrayList<>();
        for (Activation op : Activation.values()) {
            if (op != Activation.STEP) {
                checks.add(KernelCheck.of("gradcheck_" + op.label(), (k, p, w) -> activation(k, p, w, op)));
            }
        }
        checks.add(KernelCheck.of("gradcheck_softmax", (k, p, w) -> softmax(k, p, w, false)));
        checks.add(KernelCheck.of("gradcheck_log_softmax", (k, p, w) -> softmax(k, p, w, true)));
        checks.add(KernelCheck.of("gradcheck_bias", GradientChecks::bias));
        for (LossChecks.Kind kind : LossChecks.Kind.values()) {
            checks.add(KernelCheck.of("gradcheck_" + kind.name().toLowerCase(java.util.Locale.ROOT),
                    (k, p, w) -> loss(k, p, w, kind)));
        }
        return checks;
    }

    static boolean record(ErrorStats stats, double analytic, double numeric, java.util.function.Supplier<String> where) {
        double relative = Math.abs(analytic - numeric) / Math.max(Math.abs(analytic) + Math.abs(numeric), 1e-4);
        return stats.record(analytic, numeric, relative / MAX_RELATIVE, relative <= MAX_RELATIVE, where);
    }

    static double[] awayFromKinks(SplittableRandom r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double v;
            do {
                v = 3 * r.nextGaussian();
            } while (Math.abs(v) < 1e-3 || Math.abs(Math.abs(v) - 1) < 1e-3);
            x[i] = v;
        }
        return x;
    }

    static Row activation(Kernels kernels, String provider, int width, Activation op) {
        SplittableRandom r = new SplittableRandom(71);
        ErrorStats stats = new ErrorStats(false);
        double param = ActivationBounds.param(op);
        int n = 512;
        double[] x = awayFromKinks(r, n);
        try (OffHeap memory = OffHeap.confined()) {
            F64Matrix in = memory.f64Matrix(1, n, x);
            F64Matrix ones = memory.f64Matrix(1, n);
            ones.fill(1);
            F64Matrix dIn = memory.f64Matrix(1, n);
            kernels.activationBackward(op, param, dIn, ones, in);
            F64Matrix up = memory.f64Matrix(1, n);
            F64Matrix down = memory.f64Matrix(1, n);
            F64Matrix shifted = memory.f64Matrix(1, n);
            for (int i = 0; i < n; i++) {
                shifted.set(0, i, x[i] + H);
            }
            kernels.activationForward(op, param, up, shifted);
            for (int i = 0; i < n; i++) {
                shifted.set(0, i, x[i] - H);
            }
            kernels.activationForward(op, param, down, shifted);
            for (int i = 0; i < n; i++) {
                int ii = i;
                record(stats, dIn.get(0, i), (up.get(0, i) - down.get(0, i)) / (2 * H), () -> "x = " + x[ii]);
            }
        }
        return stats.row("gradcheck_" + op.label(), provider, width, BOUND);
    }

    /** The vector-Jacobian product of (log-)softmax against differences of sum(dOut * forward(x)). */
    static Row softmax(Kernels kernels, String provider, int width, boolean log) {
        SplittableRandom r = new SplittableRandom(72);
        ErrorStats stats = new ErrorStats(false);
        int rows = 3;
        int n = 9;
        try (OffHeap memory = OffHeap.confined()) {
            F64Matrix x = memory.f64Matrix(rows, n, awayFromKinks(r, rows * n));
            F64Matrix dOut = memory.f64Matrix(rows, n, awayFromKinks(r, rows * n));
            F64Matrix y = memory.f64Matrix(rows, n);
            F64Matrix dIn = memory.f64Matrix(rows, n);
            forwardSoftmax(kernels, log, y, x);
            if (log) {
                kernels.logSoftmaxBackward(dIn, dOut, y);
            } else {
                kernels.softmaxBackward(dIn, dOut, y);
            }
            ToDoubleFunction<F64Matrix> objective = in -> {
                forwardSoftmax(kernels, log, y, in);
                double s = 0;
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < n; j++) {
                        s += dOut.get(i, j) * y.get(i, j);
                    }
                }
                return s;
            };
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < n; j++) {
                    int ii = i;
                    int jj = j;
                    record(stats, dIn.get(i, j), difference(x, i, j, objective), () -> "(" + ii + "," + jj + ")");
                }
            }
        }
        return stats.row(log ? "gradcheck_log_softmax" : "gradcheck_softmax", provider, width, BOUND);
    }

    private static void forwardSoftmax(Kernels kernels, boolean log, F64Matrix out, F64Matrix in) {
        if (log) {
            kernels.logSoftmaxForward(out, in);
        } else {
            kernels.softmaxForward(out, in);
        }
    }

    /** The central difference of f at x in element (i, j); x is restored. */
    static double difference(F64Matrix x, int i, int j, ToDoubleFunction<F64Matrix> f) {
        double saved = x.get(i, j);
        x.set(i, j, saved + H);
        double up = f.applyAsDouble(x);
        x.set(i, j, saved - H);
        double down = f.applyAsDouble(x);
        x.set(i, j, saved);
        return (up - down) / (2 * H);
    }

    /** L = sum dOut * (X + 1 b^T): dL/db = column sums of dOut, which biasBackward must give. */
    static Row bias(Kernels kernels, String provider, int width) {
        SplittableRandom r = new SplittableRandom(73);
        ErrorStats stats = new ErrorStats(false);
        int rows = 6;
        int cols = 5;
        try (OffHeap memory = OffHeap.confined()) {
            F64Matrix dOut = memory.f64Matrix(rows, cols, awayFromKinks(r, rows * cols));
            F64Matrix x = memory.f64Matrix(rows, cols, awayFromKinks(r, rows * cols));
            F64Vector b = memory.f64Vector(awayFromKinks(r, cols));
            F64Vector db = memory.f64Vector(cols);
            kernels.biasBackward(db, dOut);
            F64Matrix out = memory.f64Matrix(rows, cols);
            for (int j = 0; j < cols; j++) {
                double saved = b.get(j);
                double[] value = new double[2];
                for (int s = 0; s < 2; s++) {
                    b.set(j, saved + (s == 0 ? H : -H));
                    out.copyFrom(x);
                    kernels.biasForward(out, b);
                    for (int i = 0; i < rows; i++) {
                        for (int c = 0; c < cols; c++) {
                            value[s] += dOut.get(i, c) * out.get(i, c);
                        }
                    }
                }
                b.set(j, saved);
                int jj = j;
                record(stats, db.get(j), (value[0] - value[1]) / (2 * H), () -> "column " + jj);
            }
        }
        return stats.row("gradcheck_bias", provider, width, BOUND);
    }

    static Row loss(Kernels kernels, String provider, int width, LossChecks.Kind kind) {
        SplittableRandom r = new SplittableRandom(74);
        ErrorStats stats = new ErrorStats(false);
        int rows = 4;
        int cols = 6;
        try (OffHeap memory = OffHeap.confined()) {
            F64Matrix x = memory.f64Matrix(rows, cols, awayFromKinks(r, rows * cols));
            F64Matrix t = memory.f64Matrix(rows, cols);
            int[] labels = new int[rows];
            for (int i = 0; i < rows; i++) {
                labels[i] = r.nextInt(cols);
                for (int j = 0; j < cols; j++) {
                    t.set(i, j, switch (kind) {
                        case MSE -> r.nextGaussian();
                        case BCE_WITH_LOGITS -> r.nextDouble();
                        case HINGE -> r.nextBoolean() ? 1 : -1; // |x| is kept away from 1, so t x is never 1
                        case SOFTMAX_CROSS_ENTROPY -> 0;
                    });
                }
            }
            F64Matrix grad = memory.f64Matrix(rows, cols);
            ToDoubleFunction<F64Matrix> value = in -> evaluate(kernels, kind, null, in, t, labels);
            evaluate(kernels, kind, grad, x, t, labels);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    int ii = i;
                    int jj = j;
                    record(stats, grad.get(i, j), difference(x, i, j, value), () -> "(" + ii + "," + jj + ")");
                }
            }
        }
        return stats.row("gradcheck_" + kind.name().toLowerCase(java.util.Locale.ROOT), provider, width, BOUND);
    }

    private static double evaluate(Kernels kernels, LossChecks.Kind kind, F64Matrix grad, F64Matrix x, F64Matrix t,
                                   int[] labels) {
        return switch (kind) {
            case MSE -> kernels.mseLoss(grad, x, t);
            case BCE_WITH_LOGITS -> kernels.bceWithLogitsLoss(grad, x, t);
            case HINGE -> kernels.hingeLoss(grad, x, t, 1.0);
            case SOFTMAX_CROSS_ENTROPY -> kernels.softmaxCrossEntropyLoss(grad, x, labels);
        };
    }
}
