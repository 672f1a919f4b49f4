package dev.rosenblatt.verify.checks;

import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.F64Matrix;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.verify.harness.ErrorStats;
import dev.rosenblatt.verify.harness.Inputs;
import dev.rosenblatt.verify.harness.Row;
import dev.rosenblatt.verify.harness.Ulps;
import dev.rosenblatt.verify.reference.ReferenceGemm;

import java.util.List;
import java.util.SplittableRandom;

/**
 * sgemm and dgemm against {@link ReferenceGemm}, as the reference BLAS tests judge GEMM: each element's error over
 * gamma_{k+2} (|alpha| (|A| |B|)_ij + |beta C_ij|) must be at most 2 (k products summed, plus alpha and beta). Over
 * awkward shapes, all four transposes, beta 0 and not, 1 and 2 threads, and every input distribution.
 */
public final class GemmChecks {

    static final int[][] SHAPES = {{1, 1, 1}, {3, 5, 7}, {17, 13, 33}, {64, 64, 64}, {37, 71, 300}};
    static final String BOUND = "err <= 2 gamma_{k+2} (|a||A||B| + |b C|)";

    private GemmChecks() {
    }

    public static List<KernelCheck> all() {
        return List.of(KernelCheck.of("sgemm", (k, p, w) -> gemm(k, p, w, true)),
                KernelCheck.of("dgemm", (k, p, w) -> gemm(k, p, w, false)));
    }

    static Row gemm(Kernels kernels, String provider, int width, boolean f32) {
        SplittableRandom r = new SplittableRandom(11);
        ErrorStats stats = new ErrorStats(f32);
        double u = f32 ? Ulps.U32 : Ulps.U64;
        // For float64 alpha is a power of two, which keeps the Dot2 reference exact (see ReferenceGemm).
        double[][] alphaBeta = f32 ? new double[][] {{1, 0}, {0.7f, -1.5f}} : new double[][] {{1, 0}, {0.5, -1.5}};
        int combination = 0;
        for (int[] shape : SHAPES) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            for (Inputs dist : Inputs.values()) {
                for (int t = 0; t < 4; t++) {
                    boolean transA = (t & 1) != 0;
                    boolean transB = (t & 2) != 0;
                    double[] ab = alphaBeta[combination % 2];
                    int threads = 1 + combination % 2;
                    combination++;
                    double[][] a = sample(dist, r, m, k, f32);
                    double[][] b = sample(dist, r, k, n, f32);
                    double[][] c = sample(dist, r, m, n, f32);
                    double[][] got = run(kernels, f32, ab[0], a, b, ab[1], c, transA, transB, threads);
                    double[][] ref = f32 ? ReferenceGemm.gemm(ab[0], a, b, ab[1], c)
                            : ReferenceGemm.gemmDot2(ab[0], a, b, ab[1], c);
                    double[][] scale = ReferenceGemm.absProduct(a, b);
                    double gamma = Ulps.gamma(k + 2, u);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double s = gamma * (Math.abs(ab[0]) * scale[i][j] + Math.abs(ab[1] * c[i][j]));
                            double err = Math.abs(got[i][j] - ref[i][j]);
                            double ratio = err == 0 ? 0 : err / s;
                            int ii = i;
                            int jj = j;
                            String where = m + "x" + n + "x" + k + " " + dist + (transA ? " A^T" : "")
                                    + (transB ? " B^T" : "");
                            stats.record(got[i][j], ref[i][j], ratio, ratio <= 2, () -> where + " (" + ii + "," + jj
                                    + ")");
                        }
                    }
                }
            }
        }
        return stats.row(f32 ? "sgemm" : "dgemm", provider, width, BOUND);
    }

    /** Values of one distribution; for float64, with low bits filled so the inputs are not floats. */
    static double[][] sample(Inputs dist, SplittableRandom r, int rows, int cols, boolean f32) {
        double[][] x = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = dist.next(r, true);
                x[i][j] = f32 ? v : v * (1 + r.nextDouble() * 0x1p-25);
            }
        }
        return x;
    }

    private static double[][] run(Kernels kernels, boolean f32, double alpha, double[][] a, double[][] b, double beta,
                                  double[][] c, boolean transA, boolean transB, int threads) {
        int m = a.length;
        int n = b[0].length;
        try (OffHeap memory = OffHeap.confined()) {
            if (f32) {
                F32Matrix am = store32(memory, a, transA);
                F32Matrix bm = store32(memory, b, transB);
                F32Matrix cm = store32(memory, c, false);
                kernels.gemm((float) alpha, am, bm, (float) beta, cm, threads);
                double[][] out = new double[m][n];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        out[i][j] = cm.get(i, j);
                    }
                }
                return out;
            }
            F64Matrix am = store64(memory, a, transA);
            F64Matrix bm = store64(memory, b, transB);
            F64Matrix cm = store64(memory, c, false);
            kernels.gemm(alpha, am, bm, beta, cm, threads);
            double[][] out = new double[m][n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    out[i][j] = cm.get(i, j);
                }
            }
            return out;
        }
    }

    /** x as a view: stored row-major, or stored transposed and viewed through transpose() (op = T). */
    private static F32Matrix store32(OffHeap memory, double[][] x, boolean transposed) {
        int rows = x.length;
        int cols = x[0].length;
        F32Matrix m = transposed ? memory.f32Matrix(cols, rows).transpose() : memory.f32Matrix(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m.set(i, j, (float) x[i][j]);
            }
        }
        return m;
    }

    private static F64Matrix store64(OffHeap memory, double[][] x, boolean transposed) {
        int rows = x.length;
        int cols = x[0].length;
        F64Matrix m = transposed ? memory.f64Matrix(cols, rows).transpose() : memory.f64Matrix(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m.set(i, j, x[i][j]);
            }
        }
        return m;
    }
}
