package dev.rosenblatt.verify.checks;

import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.verify.harness.ErrorStats;
import dev.rosenblatt.verify.harness.Inputs;
import dev.rosenblatt.verify.harness.Row;
import dev.rosenblatt.verify.harness.Ulps;
import dev.rosenblatt.verify.reference.ReferenceSoftmax;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Float32 softmax and log-softmax, forward and backward, row by row against {@link ReferenceSoftmax}.
 *
 * <p>Bounds, from the roundings involved (u = 2^-24, n the row length, m the row maximum): the subtraction x - m
 * errs by u |x - m|, which exp turns into a relative error; exp adds 2 ulp (4 u), the row sum (n + 2) u, the
 * division or log one more. So softmax: |err| &lt;= 2 u (|x - m| + n + 6) y, plus 4 subnormal steps where y
 * underflows; log-softmax: |err| &lt;= 2 u (|x - m| + 2 |log s| + |y| + n + 2). Backward kernels accumulate:
 * softmax |err| &lt;= gamma_{n+3} (|dIn| + |y| (|dOut| + sum |dOut y|)); log-softmax |err| &lt;= gamma_{n+4}
 * (|dIn| + |dOut| + e^y sum |dOut|).
 */
public final class SoftmaxChecks {

    static final int[][] SHAPES = {{2, 1}, {4, 10}, {5, 37}, {3, 1000}};

    private SoftmaxChecks() {
    }

    public static List<KernelCheck> all() {
        return List.of(KernelCheck.of("softmax", (k, p, w) -> forward(k, p, w, false)),
                KernelCheck.of("log_softmax", (k, p, w) -> forward(k, p, w, true)),
                KernelCheck.of("softmax_backward", (k, p, w) -> backward(k, p, w, false)),
                KernelCheck.of("log_softmax_backward", (k, p, w) -> backward(k, p, w, true)));
    }

    static Row forward(Kernels kernels, String provider, int width, boolean log) {
        SplittableRandom r = new SplittableRandom(21);
        ErrorStats stats = new ErrorStats(true);
        for (int[] shape : SHAPES) {
            for (Inputs dist : Inputs.values()) {
                float[] x = dist.sample(shape[0] * shape[1], r, false);
                float[] y;
                try (OffHeap memory = OffHeap.confined()) {
                    F32Matrix in = memory.f32Matrix(shape[0], shape[1], x);
                    F32Matrix out = memory.f32Matrix(shape[0], shape[1]);
                    if (log) {
                        kernels.logSoftmaxForward(out, in);
                    } else {
                        kernels.softmaxForward(out, in);
                    }
                    y = out.toArray();
                }
                int n = shape[1];
                for (int i = 0; i < shape[0]; i++) {
                    double[] row = new double[n];
                    for (int j = 0; j < n; j++) {
                        row[j] = x[i * n + j];
                    }
                    double m = ReferenceSoftmax.max(row);
                    double[] ref = log ? ReferenceSoftmax.logSoftmax(row) : ReferenceSoftmax.softmax(row);
                    double logSum = ReferenceSoftmax.logSumExpShifted(row);
                    for (int j = 0; j < n; j++) {
                        double got = y[i * n + j];
                        double err = Math.abs(got - ref[j]);
                        double shift = Math.abs(row[j] - m);
                        double scale = log ? 2 * Ulps.U32 * (shift + 2 * Math.abs(logSum) + Math.abs(ref[j]) + n + 2)
                                : 2 * Ulps.U32 * (shift + n + 6) * ref[j];
                        // where y underflows, 4 subnormal steps are allowed on top (the denominator's second term)
                        double ratio = err == 0 ? 0 : err / (scale + (log ? 0 : 4 * Float.MIN_VALUE));
                        boolean ok = ratio <= 1;
                        int ii = i;
                        int jj = j;
                        stats.record(got, ref[j], ratio, ok, () -> shape[0] + "x" + n + " " + dist + " (" + ii + ","
                                + jj + ")");
                    }
                }
            }
        }
        return stats.row(log ? "log_softmax" : "softmax", provider, width,
                log ? "err <= 2u(|x-m| + 2|log s| + |y| + n + 2)" : "err <= 2u(|x-m| + n + 6) y + 4*2^-149");
    }

    static Row backward(Kernels kernels, String provider, int width, boolean log) {
        SplittableRandom r = new SplittableRandom(22);
        ErrorStats stats = new ErrorStats(true);
        for (int[] shape : SHAPES) {
            for (Inputs dist : Inputs.values()) {
                int rows = shape[0];
                int n = shape[1];
                float[] x = Inputs.NORMAL.sample(rows * n, r, false);
                float[] dOut = dist.sample(rows * n, r, true);
                float[] dIn0 = Inputs.UNIFORM.sample(rows * n, r, false);
                // y: the reference forward output rounded to float, as a forward kernel would hand it over
                float[] y = new float[rows * n];
                for (int i = 0; i < rows; i++) {
                    double[] row = new double[n];
                    for (int j = 0; j < n; j++) {
                        row[j] = x[i * n + j];
                    }
                    double[] f = log ? ReferenceSoftmax.logSoftmax(row) : ReferenceSoftmax.softmax(row);
                    for (int j = 0; j < n; j++) {
                        y[i * n + j] = (float) f[j];
                    }
                }
                float[] got;
                try (OffHeap memory = OffHeap.confined()) {
                    F32Matrix dIn = memory.f32Matrix(rows, n, dIn0);
                    F32Matrix dOutM = memory.f32Matrix(rows, n, dOut);
                    F32Matrix yM = memory.f32Matrix(rows, n, y);
                    if (log) {
                        kernels.logSoftmaxBackward(dIn, dOutM, yM);
                    } else {
                        kernels.softmaxBackward(dIn, dOutM, yM);
                    }
                    got = dIn.toArray();
                }
                for (int i = 0; i < rows; i++) {
                    double[] d = new double[n];
                    double[] yy = new double[n];
                    double absDot = 0;
                    double absSum = 0;
                    for (int j = 0; j < n; j++) {
                        d[j] = dOut[i * n + j];
                        yy[j] = y[i * n + j];
                        absDot += Math.abs(d[j] * yy[j]);
                        absSum += Math.abs(d[j]);
                    }
                    double[] ref = log ? ReferenceSoftmax.logSoftmaxBackward(d, yy)
                            : ReferenceSoftmax.softmaxBackward(d, yy);
                    for (int j = 0; j < n; j++) {
                        int k = i * n + j;
                        double expected = dIn0[k] + ref[j];
                        double scale = log
                                ? Ulps.gamma(n + 4, Ulps.U32) * (Math.abs(dIn0[k]) + Math.abs(d[j])
                                        + Math.exp(yy[j]) * absSum)
                                : Ulps.gamma(n + 3, Ulps.U32) * (Math.abs(dIn0[k]) + Math.abs(yy[j]) * (Math.abs(d[j])
                                        + absDot));
                        double err = Math.abs(got[k] - expected);
                        double ratio = err == 0 ? 0 : err / scale;
                        stats.record(got[k], expected, ratio, ratio <= 1, () -> rows + "x" + n + " " + dist + " at "
                                + k);
                    }
                }
            }
        }
        return stats.row(log ? "log_softmax_backward" : "softmax_backward", provider, width,
                log ? "err <= gamma_{n+4}(|dIn|+|dOut|+e^y sum|dOut|)" : "err <= gamma_{n+3}(|dIn|+y(|dOut|+sum|dOut y|))");
    }
}
