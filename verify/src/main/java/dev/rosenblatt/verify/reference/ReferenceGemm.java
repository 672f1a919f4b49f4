package dev.rosenblatt.verify.reference;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * GEMM and dot references. alpha A B + beta C through commons-math3's {@link RealMatrix#multiply} in double: for
 * float32 kernels its own error (gamma_k in double) is 2^-29 of the float32 bound, so it serves as the exact value.
 * For float64 kernels a double product is no better than the kernel, so {@link #dot2} sums with error-free
 * transformations (Ogita, Rump and Oishi's Dot2: twice the working precision).
 */
public final class ReferenceGemm {

    private ReferenceGemm() {
    }

    /** alpha A B + beta C, A m x k, B k x n, row-major arrays of doubles. */
    public static double[][] gemm(double alpha, double[][] a, double[][] b, double beta, double[][] c) {
        RealMatrix product = new Array2DRowRealMatrix(a, false).multiply(new Array2DRowRealMatrix(b, false));
        double[][] out = product.getData();
        for (int i = 0; i < out.length; i++) {
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = alpha * out[i][j] + (beta == 0 ? 0 : beta * c[i][j]);
            }
        }
        return out;
    }

    /** (|A| |B|)_ij: the scale of each element's rounding error. */
    public static double[][] absProduct(double[][] a, double[][] b) {
        return new Array2DRowRealMatrix(abs(a), false).multiply(new Array2DRowRealMatrix(abs(b), false)).getData();
    }

    /** alpha A B + beta C with each element summed by {@link #dot2}, for float64 kernels. */
    public static double[][] gemmDot2(double alpha, double[][] a, double[][] b, double beta, double[][] c) {
        int m = a.length;
        int k = b.length;
        int n = b[0].length;
        double[][] out = new double[m][n];
        double[] x = new double[k + 1];
        double[] y = new double[k + 1];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) {
                    x[p] = alpha * a[i][p]; // exact when alpha is a power of two, which the harness uses for f64
                    y[p] = b[p][j];
                }
                x[k] = beta;
                y[k] = beta == 0 ? 0 : c[i][j];
                out[i][j] = dot2(x, y, k + 1);
            }
        }
        return out;
    }

    /** x . y over n elements, as if in twice the working precision, then rounded. */
    public static double dot2(double[] x, double[] y, int n) {
        double s = 0;
        double err = 0;
        for (int i = 0; i < n; i++) {
            double p = x[i] * y[i];
            double pErr = Math.fma(x[i], y[i], -p);
            double t = s + p;
            double z = t - s;
            double sErr = (s - (t - z)) + (p - z);
            s = t;
            err += pErr + sErr;
        }
        return s + err;
    }

    private static double[][] abs(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = new double[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                out[i][j] = Math.abs(m[i][j]);
            }
        }
        return out;
    }
}
