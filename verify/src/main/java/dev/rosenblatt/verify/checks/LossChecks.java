package dev.rosenblatt.verify.checks;

import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.verify.harness.ErrorStats;
import dev.rosenblatt.verify.harness.Inputs;
import dev.rosenblatt.verify.harness.Row;
import dev.rosenblatt.verify.harness.Ulps;
import dev.rosenblatt.verify.reference.ReferenceLosses;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The float32 losses, value and gradient, against {@link ReferenceLosses} on the same float inputs. Predictions
 * come from every distribution at the product ranges (|x| up to 2^21), where (p - t)^2 and the gradients stay
 * finite in float32; targets are what each loss expects.
 *
 * <p>Value: |err| &lt;= gamma_{N+8} S, N = B C elements, S the batch mean of the terms' magnitudes (any order of
 * summing N terms, each made with up to 8 roundings: exp and log1p at 2 ulp each). Gradient, per element: MSE
 * 2 (p - t) / B within gamma_3 (2 (|p| + |t|) / B); BCE (sigma(x) - t) / B within gamma_6 ((sigma + |t|) / B);
 * softmax cross-entropy (softmax - onehot) / B within 2 u ((|x - m| + C + 8) y + 1) / B (the softmax bound);
 * hinge -t / B within gamma_1 |t| / B (a decision flip where margin - t s rounds across 0 would fail it).
 */
public final class LossChecks {

    static final int[][] SHAPES = {{8, 1}, {8, 10}, {4, 100}};

    enum Kind { MSE, BCE_WITH_LOGITS, SOFTMAX_CROSS_ENTROPY, HINGE }

    private LossChecks() {
    }

    public static List<KernelCheck> all() {
        List<KernelCheck> checks = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            String name = kind.name().toLowerCase(java.util.Locale.ROOT);
            checks.add(KernelCheck.of(name, (k, p, w) -> run(k, p, w, kind, false)));
            checks.add(KernelCheck.of(name + "_grad", (k, p, w) -> run(k, p, w, kind, true)));
        }
        return checks;
    }

    static Row run(Kernels kernels, String provider, int width, Kind kind, boolean gradient) {
        SplittableRandom r = new SplittableRandom(31 + kind.ordinal());
        ErrorStats stats = new ErrorStats(true);
        ReferenceLosses reference = new ReferenceLosses();
        for (int[] shape : SHAPES) {
            int b = shape[0];
            int c = shape[1];
            if (kind == Kind.SOFTMAX_CROSS_ENTROPY && c == 1) {
                continue; // one class: trivially zero loss
            }
            for (Inputs dist : Inputs.values()) {
                float[] x = dist.sample(b * c, r, true);
                float[] t = new float[b * c];
                int[] labels = new int[b];
                for (int i = 0; i < b; i++) {
                    labels[i] = r.nextInt(c);
                    for (int j = 0; j < c; j++) {
                        t[i * c + j] = switch (kind) {
                            case MSE -> dist.next(r, true);
                            case BCE_WITH_LOGITS -> (float) r.nextDouble();
                            case HINGE -> r.nextBoolean() ? 1f : -1f;
                            case SOFTMAX_CROSS_ENTROPY -> 0f;
                        };
                    }
                }
                double value;
                float[] grad;
                try (OffHeap memory = OffHeap.confined()) {
                    F32Matrix xm = memory.f32Matrix(b, c, x);
                    F32Matrix tm = memory.f32Matrix(b, c, t);
                    F32Matrix gm = memory.f32Matrix(b, c);
                    value = switch (kind) {
                        case MSE -> kernels.mseLoss(gm, xm, tm);
                        case BCE_WITH_LOGITS -> kernels.bceWithLogitsLoss(gm, xm, tm);
                        case HINGE -> kernels.hingeLoss(gm, xm, tm, 1f);
                        case SOFTMAX_CROSS_ENTROPY -> kernels.softmaxCrossEntropyLoss(gm, xm, labels);
                    };
                    grad = gm.toArray();
                }
                double[][] xd = toRows(x, b, c);
                double[][] td = toRows(t, b, c);
                double[][] gd = new double[b][c];
                double ref = switch (kind) {
                    case MSE -> reference.mse(gd, xd, td);
                    case BCE_WITH_LOGITS -> reference.bceWithLogits(gd, xd, td);
                    case HINGE -> reference.hinge(gd, xd, td, 1);
                    case SOFTMAX_CROSS_ENTROPY -> reference.softmaxCrossEntropy(gd, xd, labels);
                };
                String where = b + "x" + c + " " + dist;
                if (!gradient) {
                    double err = Math.abs(value - ref);
                    double ratio = err == 0 ? 0 : err / (Ulps.gamma((long) b * c + 8, Ulps.U32) * reference.lastScale());
                    stats.record(value, ref, ratio, ratio <= 1, () -> where);
                    continue;
                }
                for (int i = 0; i < b; i++) {
                    double m = dev.rosenblatt.verify.reference.ReferenceSoftmax.max(xd[i]);
                    for (int j = 0; j < c; j++) {
                        double got = grad[i * c + j];
                        double expected = gd[i][j];
                        double scale = switch (kind) {
                            case MSE -> Ulps.gamma(3, Ulps.U32) * 2 * (Math.abs(xd[i][j]) + Math.abs(td[i][j])) / b;
                            case BCE_WITH_LOGITS -> Ulps.gamma(6, Ulps.U32)
                                    * (dev.rosenblatt.verify.reference.ReferenceActivations.sigmoid(xd[i][j])
                                    + Math.abs(td[i][j])) / b;
                            case HINGE -> Ulps.gamma(1, Ulps.U32) / b;
                            case SOFTMAX_CROSS_ENTROPY -> 2 * Ulps.U32 * ((Math.abs(xd[i][j] - m) + c + 8)
                                    * Math.abs(expected * b + (j == labels[i] ? 1 : 0)) + 1) / b;
                        };
                        double err = Math.abs(got - expected);
                        double ratio = err == 0 ? 0 : err / scale;
                        int ii = i;
                        int jj = j;
                        stats.record(got, expected, ratio, ratio <= 1, () -> where + " (" + ii + "," + jj + ")");
                    }
                }
            }
        }
        String name = kind.name().toLowerCase(java.util.Locale.ROOT) + (gradient ? "_grad" : "");
        String bound = !gradient ? "err <= gamma_{N+8} S" : switch (kind) {
            case MSE -> "err <= gamma_3 2(|p|+|t|)/B";
            case BCE_WITH_LOGITS -> "err <= gamma_6 (sigma+|t|)/B";
            case HINGE -> "err <= gamma_1 |t|/B";
            case SOFTMAX_CROSS_ENTROPY -> "err <= 2u((|x-m|+C+8)y+1)/B";
        };
        return stats.row(name, provider, width, bound);
    }

    static double[][] toRows(float[] x, int rows, int cols) {
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i][j] = x[i * cols + j];
            }
        }
        return out;
    }
}
