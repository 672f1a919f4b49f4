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
 * Float32 bias. Forward out += b is one correctly rounded addition: 0 ulp from the double sum rounded to float.
 * Backward dBias += column sums of dOut over B rows: |err| &lt;= gamma_B (|dBias| + sum |dOut|).
 */
public final class BiasChecks {

    static final int[][] SHAPES = {{1, 1}, {7, 13}, {64, 100}, {300, 17}};

    private BiasChecks() {
    }

    public static List<KernelCheck> all() {
        return List.of(KernelCheck.of("bias_forward", (k, p, w) -> run(k, p, w, false)),
                KernelCheck.of("bias_backward", (k, p, w) -> run(k, p, w, true)));
    }

    static Row run(Kernels kernels, String provider, int width, boolean backward) {
        SplittableRandom r = new SplittableRandom(51);
        ErrorStats stats = new ErrorStats(true);
        for (int[] shape : SHAPES) {
            int rows = shape[0];
            int cols = shape[1];
            for (Inputs dist : Inputs.values()) {
                float[] m = dist.sample(rows * cols, r, true);
                float[] b = dist.sample(cols, r, true);
                float[] got;
                try (OffHeap memory = OffHeap.confined()) {
                    F32Matrix mm = memory.f32Matrix(rows, cols, m);
                    F32Vector bv = memory.f32Vector(b);
                    if (backward) {
                        kernels.biasBackward(bv, mm);
                        got = bv.toArray();
                    } else {
                        kernels.biasForward(mm, bv);
                        got = mm.toArray();
                    }
                }
                String where = rows + "x" + cols + " " + dist;
                if (!backward) {
                    for (int k = 0; k < got.length; k++) {
                        float expected = (float) ((double) m[k] + b[k % cols]);
                        int kk = k;
                        stats.record(got[k], expected, Double.NaN, got[k] == expected, () -> where + " at " + kk);
                    }
                    continue;
                }
                for (int j = 0; j < cols; j++) {
                    double ref = b[j];
                    double scale = Math.abs(b[j]);
                    for (int i = 0; i < rows; i++) {
                        ref += m[i * cols + j];
                        scale += Math.abs(m[i * cols + j]);
                    }
                    double err = Math.abs(got[j] - ref);
                    double ratio = err == 0 ? 0 : err / (Ulps.gamma(rows, Ulps.U32) * scale);
                    int jj = j;
                    stats.record(got[j], ref, ratio, ratio <= 1, () -> where + " column " + jj);
                }
            }
        }
        return stats.row(backward ? "bias_backward" : "bias_forward", provider, width,
                backward ? "err <= gamma_B (|db| + sum|dOut|)" : "0 ulp");
    }
}
