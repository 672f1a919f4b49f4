package dev.rosenblatt.verify.checks;

import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.verify.harness.ErrorStats;
import dev.rosenblatt.verify.harness.Inputs;
import dev.rosenblatt.verify.harness.Row;
import dev.rosenblatt.verify.harness.Ulps;
import dev.rosenblatt.verify.reference.ReferenceGemm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Dot and axpy, float32 and float64, contiguous and strided. dot: |err| / (gamma_n sum |x_i y_i|) at most 1, the
 * bound of any summation order of n products (FMA included). axpy: one product and one sum per element, so
 * |err| / (gamma_2 (|alpha x| + |y|)) at most 1.
 */
public final class Blas1Checks {

    static final int[] LENGTHS = {1, 7, 64, 1000, 4099};

    private Blas1Checks() {
    }

    public static List<KernelCheck> all() {
        return List.of(KernelCheck.of("sdot", (k, p, w) -> dot(k, p, w, true)),
                KernelCheck.of("ddot", (k, p, w) -> dot(k, p, w, false)),
                KernelCheck.of("saxpy", (k, p, w) -> axpy(k, p, w, true)),
                KernelCheck.of("daxpy", (k, p, w) -> axpy(k, p, w, false)));
    }

    static Row dot(Kernels kernels, String provider, int width, boolean f32) {
        SplittableRandom r = new SplittableRandom(12);
        ErrorStats stats = new ErrorStats(f32);
        for (int n : LENGTHS) {
            for (Inputs dist : Inputs.values()) {
                for (int inc : new int[] {1, 3}) {
                    double[] x = GemmChecks.sample(dist, r, 1, n, f32)[0];
                    double[] y = GemmChecks.sample(dist, r, 1, n, f32)[0];
                    double got;
                    try (OffHeap memory = OffHeap.confined()) {
                        MemorySegment xs = store(memory, x, inc, f32);
                        MemorySegment ys = store(memory, y, inc, f32);
                        got = f32 ? kernels.sdot(n, xs, 0, inc, ys, 0, inc) : kernels.ddot(n, xs, 0, inc, ys, 0, inc);
                    }
                    double ref = ReferenceGemm.dot2(x, y, n);
                    double scale = 0;
                    for (int i = 0; i < n; i++) {
                        scale += Math.abs(x[i] * y[i]);
                    }
                    double err = Math.abs(got - ref);
                    double ratio = err == 0 ? 0 : err / (Ulps.gamma(n, f32 ? Ulps.U32 : Ulps.U64) * scale);
                    stats.record(got, ref, ratio, ratio <= 1, () -> "n = " + n + " " + dist + " inc " + inc);
                }
            }
        }
        return stats.row(f32 ? "sdot" : "ddot", provider, width, "err <= gamma_n sum|x y|");
    }

    static Row axpy(Kernels kernels, String provider, int width, boolean f32) {
        SplittableRandom r = new SplittableRandom(13);
        ErrorStats stats = new ErrorStats(f32);
        for (int n : LENGTHS) {
            for (Inputs dist : Inputs.values()) {
                for (int inc : new int[] {1, 3}) {
                    double[] x = GemmChecks.sample(dist, r, 1, n, f32)[0];
                    double[] y = GemmChecks.sample(dist, r, 1, n, f32)[0];
                    double alpha = f32 ? (float) -0.3 : -0.3;
                    double[] got = new double[n];
                    try (OffHeap memory = OffHeap.confined()) {
                        MemorySegment xs = store(memory, x, inc, f32);
                        MemorySegment ys = store(memory, y, inc, f32);
                        if (f32) {
                            kernels.saxpy(n, (float) alpha, xs, 0, inc, ys, 0, inc);
                        } else {
                            kernels.daxpy(n, alpha, xs, 0, inc, ys, 0, inc);
                        }
                        for (int i = 0; i < n; i++) {
                            got[i] = f32 ? ys.getAtIndex(ValueLayout.JAVA_FLOAT, (long) i * inc)
                                    : ys.getAtIndex(ValueLayout.JAVA_DOUBLE, (long) i * inc);
                        }
                    }
                    double gamma = Ulps.gamma(2, f32 ? Ulps.U32 : Ulps.U64);
                    for (int i = 0; i < n; i++) {
                        // alpha x is exact in double for float32 inputs; for float64, Dot2 of {alpha, 1}.{x, y}.
                        double ref = ReferenceGemm.dot2(new double[] {alpha, 1}, new double[] {x[i], y[i]}, 2);
                        double err = Math.abs(got[i] - ref);
                        double ratio = err == 0 ? 0 : err / (gamma * (Math.abs(alpha * x[i]) + Math.abs(y[i])));
                        int ii = i;
                        stats.record(got[i], ref, ratio, ratio <= 1, () -> "n = " + n + " " + dist + " i " + ii);
                    }
                }
            }
        }
        return stats.row(f32 ? "saxpy" : "daxpy", provider, width, "err <= gamma_2 (|a x| + |y|)");
    }

    private static MemorySegment store(OffHeap memory, double[] v, int inc, boolean f32) {
        long count = (long) (v.length - 1) * inc + 1;
        MemorySegment s = memory.allocate(count * (f32 ? Float.BYTES : Double.BYTES));
        for (int i = 0; i < v.length; i++) {
            if (f32) {
                s.setAtIndex(ValueLayout.JAVA_FLOAT, (long) i * inc, (float) v[i]);
            } else {
                s.setAtIndex(ValueLayout.JAVA_DOUBLE, (long) i * inc, v[i]);
            }
        }
        return s;
    }
}
