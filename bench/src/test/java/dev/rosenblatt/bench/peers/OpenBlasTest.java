package dev.rosenblatt.bench.peers;

import dev.rosenblatt.kernels.KernelProviders;
import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.Transpose;
import dev.rosenblatt.kernels.memory.OffHeap;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** OpenBLAS through FFM and our SIMD sgemm agree within the GEMM error bound, when OpenBLAS is installed. */
class OpenBlasTest {

    private static final double U_F32 = Math.ulp(1f) / 2;

    @Test
    void agreesWithOurSgemmInEveryTranspose() {
        assumeTrue(OpenBlas.isAvailable(), () -> OpenBlas.unavailableReason().orElse(""));
        Kernels ours = Kernels.of(KernelProviders.simd());
        SplittableRandom random = new SplittableRandom(7);
        int m = 37;
        int n = 53;
        int k = 71;
        for (String code : new String[] {"NN", "NT", "TN", "TT"}) {
            Transpose[] ops = Transpose.pair(code);
            try (OffHeap memory = OffHeap.confined()) {
                float[] a = new float[m * k];
                float[] b = new float[k * n];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) (random.nextDouble() * 2 - 1);
                }
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) (random.nextDouble() * 2 - 1);
                }
                long lda = ops[0] == Transpose.N ? k : m;
                long ldb = ops[1] == Transpose.N ? n : k;
                MemorySegment sa = memory.allocate(4L * a.length).copyFrom(MemorySegment.ofArray(a));
                MemorySegment sb = memory.allocate(4L * b.length).copyFrom(MemorySegment.ofArray(b));
                MemorySegment c1 = memory.allocate(4L * m * n);
                MemorySegment c2 = memory.allocate(4L * m * n);
                ours.sgemm(ops[0], ops[1], m, n, k, 1f, sa, 0, lda, sb, 0, ldb, 0f, c1, 0, n, 1);
                OpenBlas.sgemm(ops[0], ops[1], m, n, k, 1f, sa, 0, lda, sb, 0, ldb, 0f, c2, 0, n);
                double gamma = k * U_F32 / (1 - k * U_F32);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double absSum = 0;
                        for (int p = 0; p < k; p++) {
                            float aip = ops[0] == Transpose.N ? a[(int) (i * lda + p)] : a[(int) (p * lda + i)];
                            float bpj = ops[1] == Transpose.N ? b[(int) (p * ldb + j)] : b[(int) (j * ldb + p)];
                            absSum += Math.abs((double) aip * bpj);
                        }
                        // Each result is within gamma_k sum|a||b| of the exact value, so the two within twice that.
                        double bound = 2 * gamma * absSum;
                        float x = c1.getAtIndex(ValueLayout.JAVA_FLOAT, (long) i * n + j);
                        float y = c2.getAtIndex(ValueLayout.JAVA_FLOAT, (long) i * n + j);
                        assertTrue(Math.abs(x - y) <= bound, code + " (" + i + "," + j + "): ours " + x
                                + ", OpenBLAS " + y + ", bound " + bound);
                    }
                }
            }
        }
    }
}
