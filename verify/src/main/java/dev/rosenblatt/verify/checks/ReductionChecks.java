package dev.rosenblatt.verify.checks;

import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.F32Vector;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.verify.harness.ErrorStats;
import dev.rosenblatt.verify.harness.Inputs;
import dev.rosenblatt.verify.harness.Row;
import dev.rosenblatt.verify.harness.Ulps;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Float32 reductions. sum: |err| &lt;= gamma_{n-1} sum |x| (any order); sum of squares: gamma_n sum x^2 (one more
 * rounding per square); max and argmax (by rows): exact, as they only compare. Inputs at the product ranges, so
 * sums of squares stay finite.
 */
public final class ReductionChecks {

    static final int[] LENGTHS = {1, 7, 64, 1000, 4099};

    private ReductionChecks() {
    }

    public static List<KernelCheck> all() {
        return List.of(KernelCheck.of("sum", (k, p, w) -> sum(k, p, w, false)),
                KernelCheck.of("sum_squares", (k, p, w) -> sum(k, p, w, true)),
                KernelCheck.of("max", ReductionChecks::max),
                KernelCheck.of("argmax_rows", ReductionChecks::argmaxRows));
    }

    static Row sum(Kernels kernels, String provider, int width, boolean squares) {
        SplittableRandom r = new SplittableRandom(41);
        ErrorStats stats = new ErrorStats(true);
        for (int n : LENGTHS) {
            for (Inputs dist : Inputs.values()) {
                float[] x = dist.sample(n, r, true);
                double got;
                try (OffHeap memory = OffHeap.confined()) {
                    F32Vector v = memory.f32Vector(x);
                    got = squares ? kernels.sumSquares(v) : kernels.sum(v);
                }
                double ref = 0;
                double scale = 0;
                for (float xi : x) {
                    ref += squares ? (double) xi * xi : xi;
                    scale += squares ? (double) xi * xi : Math.abs(xi);
                }
                double gamma = Ulps.gamma(squares ? n : Math.max(n - 1, 1), Ulps.U32);
                double err = Math.abs(got - ref);
                double ratio = err == 0 ? 0 : err / (gamma * scale);
                stats.record(got, ref, ratio, ratio <= 1, () -> "n = " + n + " " + dist);
            }
        }
        return stats.row(squares ? "sum_squares" : "sum", provider, width,
                squares ? "err <= gamma_n sum x^2" : "err <= gamma_{n-1} sum|x|");
    }

    static Row max(Kernels kernels, String provider, int width) {
        SplittableRandom r = new SplittableRandom(42);
        ErrorStats stats = new ErrorStats(true);
        for (int n : LENGTHS) {
            for (Inputs dist : Inputs.values()) {
                float[] x = dist.sample(n, r, false);
                if (n > 2 && dist == Inputs.MIXED_SIGNS) {
                    x[n / 2] = Float.NaN; // a NaN anywhere makes the maximum NaN
                }
                float got;
                try (OffHeap memory = OffHeap.confined()) {
                    got = kernels.max(memory.f32Vector(x));
                }
                float ref = Float.NEGATIVE_INFINITY;
                for (float xi : x) {
                    ref = Math.max(ref, xi);
                }
                float expected = ref;
                boolean ok = Float.isNaN(expected) ? Float.isNaN(got) : got == expected;
                stats.record(got, expected, Double.NaN, ok, () -> "n = " + n + " " + dist);
            }
        }
        return stats.row("max", provider, width, "exact");
    }

    static Row argmaxRows(Kernels kernels, String provider, int width) {
        SplittableRandom r = new SplittableRandom(43);
        ErrorStats stats = new ErrorStats(true);
        for (int cols : LENGTHS) {
            for (Inputs dist : Inputs.values()) {
                int rows = 5;
                float[] x = dist.sample(rows * cols, r, false);
                if (cols > 3) {
                    x[1] = x[2]; // a tie: the first wins
                }
                int[] got = new int[rows];
                try (OffHeap memory = OffHeap.confined()) {
                    F32Matrix m = memory.f32Matrix(rows, cols, x);
                    kernels.argmaxRows(got, m);
                }
                for (int i = 0; i < rows; i++) {
                    int best = 0;
                    for (int j = 1; j < cols; j++) {
                        if (x[i * cols + j] > x[i * cols + best]) {
                            best = j;
                        }
                    }
                    int ii = i;
                    stats.record(got[i], best, Double.NaN, got[i] == best, () -> cols + " columns " + dist + " row "
                            + ii);
                }
            }
        }
        return stats.row("argmax_rows", provider, width, "exact");
    }
}
