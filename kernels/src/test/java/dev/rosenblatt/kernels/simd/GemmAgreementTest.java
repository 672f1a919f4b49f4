package dev.rosenblatt.kernels.simd;

import dev.rosenblatt.kernels.KernelProviders;
import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.Transpose;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.kernels.testing.TestSizes;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * sgemm and dgemm, SIMD and scalar, against commons-math3 in double over odd shapes, all four transposes, padded
 * leading dimensions, offsets off the 64-byte boundary, and alpha, beta in {0, 1, -1, 0.5}. Tagged "simd": the build
 * runs it at 512, 256 and 128 bits.
 *
 * <p>Bound, per element: |C - C_ref| <= c * gamma_{k+2} * (|alpha| (|op(A)| |op(B)|)_ij + |beta C0_ij|) with c = 2;
 * gamma_{k+2} covers the k products summed, the scaling by alpha and the final add of beta C (Higham, ch. 3), and
 * c = 2 leaves room for the blocked sum's extra roundings, where partial sums of KC terms are added into C.
 */
@Tag("simd")
class GemmAgreementTest {

    private static final float[] SCALARS = {0f, 1f, -1f, 0.5f};
    private static final Transpose[] OPS = {Transpose.N, Transpose.T};
    private static final double C_BOUND = 2;

    private static Kernels simd;
    private static Kernels scalar;

    @BeforeAll
    static void setUp() {
        simd = Kernels.of(KernelProviders.simd());
        scalar = Kernels.of(KernelProviders.scalar());
    }

    /** One multiply: its shapes, layout (padding, offsets) and scalars, and the random data it runs on. */
    record Case(Transpose ta, Transpose tb, int m, int n, int k, float alpha, float beta,
                int padA, int padB, int padC, int offA, int offB, int offC, long seed) {

        int aRows() { return ta == Transpose.N ? m : k; }
        int aCols() { return ta == Transpose.N ? k : m; }
        int bRows() { return tb == Transpose.N ? k : n; }
        int bCols() { return tb == Transpose.N ? n : k; }
        long lda() { return aCols() + padA; }
        long ldb() { return bCols() + padB; }
        long ldc() { return n + padC; }

        @Override
        public String toString() {
            return ta + "" + tb + " m=" + m + " n=" + n + " k=" + k + " alpha=" + alpha + " beta=" + beta
                    + " lda=" + lda() + " ldb=" + ldb() + " ldc=" + ldc() + " offsets " + offA + "/" + offB + "/" + offC
                    + " seed=" + seed;
        }
    }

    static List<Case> cases(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Case> cases = new ArrayList<>();
        // Every dimension at every odd size, the other two random in [1, 300].
        for (int dim = 0; dim < 3; dim++) {
            for (int size : TestSizes.ODD) {
                int[] mnk = {1 + random.nextInt(300), 1 + random.nextInt(300), 1 + random.nextInt(300)};
                mnk[dim] = size;
                cases.add(randomCase(random, mnk[0], mnk[1], mnk[2]));
            }
        }
        // A cross of small awkward sizes, which exercises every edge-tile combination and the unpacked path.
        int[] small = {1, 3, 8, 9, 17, 33, 65};
        for (int m : small) {
            for (int n : small) {
                for (int k : small) {
                    cases.add(randomCase(random, m, n, k));
                }
            }
        }
        for (int i = 0; i < 20; i++) {
            cases.add(randomCase(random, 1 + random.nextInt(300), 1 + random.nextInt(300), 1 + random.nextInt(300)));
        }
        // Depths past one packed block and past two, so that partial sums of KC terms are added into C.
        cases.add(randomCase(random, 9, 37, SimdSgemm.KC + 52));
        cases.add(randomCase(random, 17, 33, 2 * SimdSgemm.KC + 1));
        cases.add(randomCase(random, 65, 70, SimdSgemm.KC + 1));
        // Deep blocks of many rows, ragged in m and n and odd in k: where A is read along its rows and B is packed,
        // SgemmMicroKernel.tilePackedB (constant strides) computes the whole tiles.
        cases.add(randomCase(random, 133, 131, SimdSgemm.PACKED_B_KERNEL_MIN_K + 3));
        cases.add(randomCase(random, 261, 70, 701));
        // The same for the row kernel's one and two rows.
        cases.add(randomCase(random, 1, 90, SimdSgemm.KC + 52));
        cases.add(randomCase(random, 2, 37, SimdSgemm.KC + 1));
        return cases;
    }

    private static Case randomCase(SplittableRandom random, int m, int n, int k) {
        return new Case(OPS[random.nextInt(2)], OPS[random.nextInt(2)], m, n, k,
                SCALARS[random.nextInt(4)], SCALARS[random.nextInt(4)],
                random.nextInt(4), random.nextInt(4), random.nextInt(4),
                random.nextInt(8), random.nextInt(8), random.nextInt(8), random.nextLong());
    }

    @Test
    void sgemmMatchesTheDoubleReferenceWithinTheBound() {
        for (Case c : cases(42)) {
            for (Transpose ta : OPS) {
                for (Transpose tb : OPS) {
                    Case t = new Case(ta, tb, c.m, c.n, c.k, c.alpha, c.beta, c.padA, c.padB, c.padC, c.offA, c.offB,
                            c.offC, c.seed);
                    checkSgemm(t, simd, 1);
                    if ((long) t.m * t.n * t.k < 2_000_000) {
                        checkSgemm(t, scalar, 1);
                    }
                }
            }
        }
    }

    @Test
    void dgemmMatchesTheDoubleReferenceWithinTheBound() {
        List<Case> cases = cases(7);
        for (int i = 0; i < cases.size(); i += 3) {
            checkDgemm(cases.get(i), simd);
            checkDgemm(cases.get(i), scalar);
        }
    }

    @Test
    void resultsAreBitwiseIdenticalForEveryThreadCount() {
        SplittableRandom random = new SplittableRandom(3);
        // The last three are narrow products that are split only because SimdSgemm.threadWork counts n as whole
        // vectors (a 10-output layer at batch 256 among them).
        int[][] shapes = {{300, 280, 350}, {517, 129, 300}, {129, 517, 257}, {1021, 65, 33}, {200, 200, 600},
                {65, 97, SimdSgemm.KC + 100}, {256, 10, 128}, {256, 2, 256}, {200, 20, 150}};
        for (int[] s : shapes) {
            if (SimdSpecies.BITS >= 512) {
                assertTrue(SimdSgemm.threadWork(s[0], s[1], s[2]) >= 2 * SimdSgemm.MNK_PER_THREAD,
                        Arrays.toString(s) + " would run on one thread, which tests nothing here");
            }
            for (Transpose ta : OPS) {
                for (Transpose tb : OPS) {
                    Case c = new Case(ta, tb, s[0], s[1], s[2], 0.5f, 1f, 1, 2, 3, 1, 2, 3, random.nextLong());
                    float[] one = runSgemm(c, simd, 1);
                    for (int threads : new int[] {2, 3, 4}) {
                        float[] many = runSgemm(c, simd, threads);
                        for (int i = 0; i < one.length; i++) {
                            if (Float.floatToRawIntBits(one[i]) != Float.floatToRawIntBits(many[i])) {
                                fail(c + ": element " + i + " is " + one[i] + " on 1 thread but " + many[i] + " on "
                                        + threads);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void betaZeroNeverReadsC() {
        for (int[] s : new int[][] {{5, 7, 3}, {33, 65, 17}, {130, 70, 300}, {64, 64, 64}}) {
            for (Transpose ta : OPS) {
                for (Transpose tb : OPS) {
                    Case c = new Case(ta, tb, s[0], s[1], s[2], 1f, 0f, 0, 0, 0, 0, 0, 0, 9);
                    for (float v : runSgemm(c, simd, 2)) {
                        assertFalse(Float.isNaN(v), c + ": NaN leaked from C although beta = 0");
                    }
                }
            }
        }
    }

    // ---- helpers ----

    private static MemorySegment randomFloats(OffHeap memory, SplittableRandom random, long count) {
        MemorySegment s = memory.allocate(count * Float.BYTES);
        for (long i = 0; i < count; i++) {
            s.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) (random.nextDouble() * 2 - 1));
        }
        return s;
    }

    /** Runs c, with C's memory prefilled with random values (or NaN when beta is 0); returns all of C's memory. */
    private static float[] runSgemm(Case c, Kernels kernels, int threads) {
        try (OffHeap memory = OffHeap.shared()) { // shared, so that the worker threads may touch it
            SplittableRandom random = new SplittableRandom(c.seed);
            MemorySegment a = randomFloats(memory, random, c.offA + (long) c.aRows() * c.lda());
            MemorySegment b = randomFloats(memory, random, c.offB + (long) c.bRows() * c.ldb());
            MemorySegment cm = randomFloats(memory, random, c.offC + (long) c.m * c.ldc());
            if (c.beta == 0f) {
                for (int i = 0; i < c.m; i++) {
                    for (int j = 0; j < c.n; j++) {
                        cm.setAtIndex(ValueLayout.JAVA_FLOAT, c.offC + i * c.ldc() + j, Float.NaN);
                    }
                }
            }
            kernels.sgemm(c.ta, c.tb, c.m, c.n, c.k, c.alpha, a, c.offA, c.lda(), b, c.offB, c.ldb(), c.beta, cm, c.offC,
                    c.ldc(), threads);
            return cm.toArray(ValueLayout.JAVA_FLOAT);
        }
    }

    private static RealMatrix op(MemorySegment x, long off, int rows, int cols, long ld, Transpose t, boolean f64) {
        double[][] d = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                long at = off + i * ld + j;
                d[i][j] = f64 ? x.getAtIndex(ValueLayout.JAVA_DOUBLE, at) : x.getAtIndex(ValueLayout.JAVA_FLOAT, at);
            }
        }
        RealMatrix m = new Array2DRowRealMatrix(d, false);
        return t == Transpose.N ? m : m.transpose();
    }

    private static RealMatrix abs(RealMatrix m) {
        RealMatrix r = m.copy();
        for (int i = 0; i < r.getRowDimension(); i++) {
            for (int j = 0; j < r.getColumnDimension(); j++) {
                r.setEntry(i, j, Math.abs(r.getEntry(i, j)));
            }
        }
        return r;
    }

    private static void checkSgemm(Case c, Kernels kernels, int threads) {
        try (OffHeap memory = OffHeap.confined()) {
            SplittableRandom random = new SplittableRandom(c.seed);
            MemorySegment a = randomFloats(memory, random, c.offA + (long) c.aRows() * c.lda());
            MemorySegment b = randomFloats(memory, random, c.offB + (long) c.bRows() * c.ldb());
            MemorySegment c0 = randomFloats(memory, random, c.offC + (long) c.m * c.ldc());
            float[] before = c0.toArray(ValueLayout.JAVA_FLOAT);
            if (c.beta == 0f) {
                for (int i = 0; i < c.m; i++) {
                    for (int j = 0; j < c.n; j++) {
                        c0.setAtIndex(ValueLayout.JAVA_FLOAT, c.offC + i * c.ldc() + j, Float.NaN);
                    }
                }
            }
            RealMatrix opA = op(a, c.offA, c.aRows(), c.aCols(), c.lda(), c.ta, false);
            RealMatrix opB = op(b, c.offB, c.bRows(), c.bCols(), c.ldb(), c.tb, false);
            RealMatrix product = opA.multiply(opB);
            RealMatrix magnitude = abs(opA).multiply(abs(opB));
            kernels.sgemm(c.ta, c.tb, c.m, c.n, c.k, c.alpha, a, c.offA, c.lda(), b, c.offB, c.ldb(), c.beta, c0, c.offC,
                    c.ldc(), threads);
            double gamma = TestSizes.gamma(c.k + 2, TestSizes.U_F32);
            float[] after = c0.toArray(ValueLayout.JAVA_FLOAT);
            for (int idx = 0; idx < after.length; idx++) {
                long rel = idx - c.offC;
                int i = (int) (rel / c.ldc());
                int j = (int) (rel % c.ldc());
                if (rel < 0 || i >= c.m || j >= c.n) {
                    int at = idx;
                    assertEquals(before[idx], after[idx], () -> c + ": memory outside C changed at element " + at);
                    continue;
                }
                double cOld = c.beta == 0f ? 0 : before[idx];
                double expected = c.alpha * product.getEntry(i, j) + c.beta * cOld;
                double bound = C_BOUND * gamma * (Math.abs(c.alpha) * magnitude.getEntry(i, j) + Math.abs(c.beta * cOld));
                double err = Math.abs(after[idx] - expected);
                if (!(err <= bound)) {
                    fail(kernels.provider().describe() + " " + c + ": C(" + i + ", " + j + ") = " + after[idx]
                            + ", expected " + expected + ", error " + err + " > bound " + bound);
                }
            }
        }
    }

    private static void checkDgemm(Case c, Kernels kernels) {
        try (OffHeap memory = OffHeap.confined()) {
            SplittableRandom random = new SplittableRandom(c.seed);
            MemorySegment a = randomDoubles(memory, random, c.offA + (long) c.aRows() * c.lda());
            MemorySegment b = randomDoubles(memory, random, c.offB + (long) c.bRows() * c.ldb());
            MemorySegment c0 = randomDoubles(memory, random, c.offC + (long) c.m * c.ldc());
            double[] before = c0.toArray(ValueLayout.JAVA_DOUBLE);
            RealMatrix opA = op(a, c.offA, c.aRows(), c.aCols(), c.lda(), c.ta, true);
            RealMatrix opB = op(b, c.offB, c.bRows(), c.bCols(), c.ldb(), c.tb, true);
            RealMatrix product = opA.multiply(opB);
            RealMatrix magnitude = abs(opA).multiply(abs(opB));
            kernels.dgemm(c.ta, c.tb, c.m, c.n, c.k, c.alpha, a, c.offA, c.lda(), b, c.offB, c.ldb(), c.beta, c0, c.offC,
                    c.ldc(), 2);
            // The reference itself is double: allow its own gamma_k on top of ours.
            double gamma = TestSizes.gamma(c.k + 2, TestSizes.U_F64);
            double[] after = c0.toArray(ValueLayout.JAVA_DOUBLE);
            for (int i = 0; i < c.m; i++) {
                for (int j = 0; j < c.n; j++) {
                    int idx = (int) (c.offC + i * c.ldc() + j);
                    double expected = c.alpha * product.getEntry(i, j) + c.beta * before[idx];
                    double bound = (C_BOUND + 1) * gamma
                            * (Math.abs(c.alpha) * magnitude.getEntry(i, j) + Math.abs(c.beta * before[idx]));
                    double err = Math.abs(after[idx] - expected);
                    if (!(err <= bound)) {
                        fail(kernels.provider().describe() + " dgemm " + c + ": C(" + i + ", " + j + ") = " + after[idx]
                                + ", expected " + expected + ", error " + err + " > bound " + bound);
                    }
                }
            }
        }
    }

    private static MemorySegment randomDoubles(OffHeap memory, SplittableRandom random, long count) {
        MemorySegment s = memory.allocate(count * Double.BYTES);
        for (long i = 0; i < count; i++) {
            s.setAtIndex(ValueLayout.JAVA_DOUBLE, i, random.nextDouble() * 2 - 1);
        }
        return s;
    }
}
