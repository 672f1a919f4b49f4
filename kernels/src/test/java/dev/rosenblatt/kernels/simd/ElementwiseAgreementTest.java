package dev.rosenblatt.kernels.simd;

import dev.rosenblatt.kernels.Activation;
import dev.rosenblatt.kernels.KernelProviders;
import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.F32Vector;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.kernels.testing.TestSizes;
import dev.rosenblatt.kernels.testing.Ulps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every SIMD elementwise kernel against its scalar twin over the odd sizes, with element offsets off the 64-byte
 * boundary and padded leading dimensions; outputs start NaN-filled and must be overwritten everywhere they should
 * be (and nowhere else). Tagged "simd": runs at 512, 256 and 128 bits.
 */
@Tag("simd")
class ElementwiseAgreementTest {

    private static final int[] ROWS = {1, 3};
    private static final int[] PADS = {0, 5};

    private static OffHeap memory;
    private static Kernels scalar;
    private static Kernels simd;

    @BeforeAll
    static void setUp() {
        memory = OffHeap.confined();
        scalar = Kernels.of(KernelProviders.scalar());
        simd = Kernels.of(KernelProviders.simd());
    }

    @AfterAll
    static void tearDown() {
        memory.close();
    }

    /** A rows x cols view at element {@code offset} of a fresh block with ld = cols + pad, padding NaN. */
    static F32Matrix matrix(int rows, int cols, int offset, int pad, float fill) {
        long ld = cols + pad;
        long elements = offset + rows * ld;
        F32Matrix m = F32Matrix.wrap(memory.allocate(elements * Float.BYTES), offset, rows, cols, ld);
        F32Matrix.wrap(m.segment(), 0, 1, (int) elements, elements).fill(Float.NaN);
        m.fill(fill);
        return m;
    }

    static F32Matrix random(SplittableRandom r, int rows, int cols, int offset, int pad, double lo, double hi) {
        F32Matrix m = matrix(rows, cols, offset, pad, 0f);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m.set(i, j, (float) (lo + (hi - lo) * r.nextDouble()));
            }
        }
        return m;
    }

    static F32Matrix copy(F32Matrix m, int offset, int pad) {
        F32Matrix c = matrix(m.rows(), m.cols(), offset, pad, 0f);
        c.copyFrom(m);
        return c;
    }

    /** Every element of the view within maxUlps of the other's; padding untouched (still NaN) in both. */
    static void assertClose(String what, F32Matrix a, F32Matrix b, long maxUlps) {
        float[] x = a.toArray();
        float[] y = b.toArray();
        for (int k = 0; k < x.length; k++) {
            if (Float.isNaN(x[k]) || Float.isNaN(y[k]) || Ulps.distance(x[k], y[k]) > maxUlps) {
                fail(what + ": element " + k + " is " + x[k] + " (simd) vs " + y[k] + " (scalar)");
            }
        }
        if (a.ld() > a.cols() && a.rows() > 1) {
            assertTrue(Float.isNaN(a.segment().getAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED,
                    a.offset() + a.cols())), what + ": padding written");
        }
    }

    static void assertRelative(String what, F32Matrix a, F32Matrix b, double rel) {
        assertRelative(what, a, b, rel, 1e-3);
    }

    /** |a - b| <= rel * max(floor, |b|) elementwise. */
    static void assertRelative(String what, F32Matrix a, F32Matrix b, double rel, double floor) {
        float[] x = a.toArray();
        float[] y = b.toArray();
        for (int k = 0; k < x.length; k++) {
            if (!(Math.abs(x[k] - y[k]) <= rel * Math.max(floor, Math.abs(y[k])))) {
                fail(what + ": element " + k + " is " + x[k] + " (simd) vs " + y[k] + " (scalar)");
            }
        }
    }

    @Test
    void activationsAgree() {
        SplittableRandom r = new SplittableRandom(11);
        for (Activation op : Activation.values()) {
            // Every twin does the same operations: GELU and softplus forward and backward compute in float64 with
            // their own exp (and log1p) in both (ScalarMath.geluTanhF, geluTanhPrimeF, geluErfF, geluErfPrimeF,
            // softplusF), never the Vector API's EXP against Math.exp. So: the same bits.
            long ulps = 0;
            float param = op == Activation.ELU ? 1.3f : 0.07f;
            for (int rows : ROWS) {
                for (int cols : TestSizes.ODD) {
                    for (int offset : TestSizes.OFFSETS) {
                        int pad = PADS[(cols + offset) % 2];
                        String where = op + " " + rows + "x" + cols + " offset " + offset + " pad " + pad;
                        F32Matrix in = random(r, rows, cols, offset, pad, -12, 12);
                        F32Matrix a = matrix(rows, cols, offset + 1, pad, Float.NaN);
                        F32Matrix b = matrix(rows, cols, offset + 2, pad, Float.NaN);
                        simd.activationForward(op, param, a, in);
                        scalar.activationForward(op, param, b, in);
                        assertClose(where + " forward", a, b, ulps);

                        F32Matrix dOut = random(r, rows, cols, offset, pad, -1, 1);
                        F32Matrix dInA = random(r, rows, cols, offset + 3, pad, -1, 1);
                        F32Matrix dInB = copy(dInA, offset, pad);
                        simd.activationBackward(op, param, dInA, dOut, in);
                        scalar.activationBackward(op, param, dInB, dOut, in);
                        assertClose(where + " backward", dInA, dInB, ulps);
                    }
                }
            }
        }
    }

    /**
     * Inputs out to +-150, so that vectors hold over- and underflow lanes: the two-vector loops of sigmoid, SiLU
     * and tanh hand such a pair to their one-vector loop's slow path, and every element must still match the twin.
     */
    @Test
    void activationsAgreeOnWideInputs() {
        SplittableRandom r = new SplittableRandom(15);
        for (Activation op : Activation.values()) {
            float param = op == Activation.ELU ? 1.3f : 0.07f;
            for (int cols : new int[] {31, 33, 64, 65, 127, 1021}) {
                String where = op + " 1x" + cols;
                F32Matrix in = random(r, 1, cols, 0, 0, -150, 150);
                F32Matrix a = matrix(1, cols, 1, 0, Float.NaN);
                F32Matrix b = matrix(1, cols, 2, 0, Float.NaN);
                simd.activationForward(op, param, a, in);
                scalar.activationForward(op, param, b, in);
                assertClose(where + " forward", a, b, 0);
            }
        }
    }

    @Test
    void inPlaceForwardIsAllowed() {
        SplittableRandom r = new SplittableRandom(12);
        F32Matrix x = random(r, 3, 37, 1, 2, -5, 5);
        F32Matrix expected = matrix(3, 37, 0, 0, Float.NaN);
        scalar.sigmoidForward(expected, x);
        simd.sigmoidForward(x, x);
        assertClose("in-place sigmoid", x, expected, 0);
    }

    @Test
    void softmaxAgrees() {
        SplittableRandom r = new SplittableRandom(13);
        for (boolean log : new boolean[] {false, true}) {
            for (int rows : ROWS) {
                for (int cols : TestSizes.ODD) {
                    for (int offset : TestSizes.OFFSETS) {
                        String where = (log ? "logSoftmax " : "softmax ") + rows + "x" + cols + " offset " + offset;
                        F32Matrix in = random(r, rows, cols, offset, 3, -30, 30);
                        F32Matrix a = matrix(rows, cols, offset + 1, 1, Float.NaN);
                        F32Matrix b = matrix(rows, cols, offset, 0, Float.NaN);
                        F32Matrix dOut = random(r, rows, cols, offset, 2, -1, 1);
                        F32Matrix dInA = random(r, rows, cols, offset, 0, -1, 1);
                        F32Matrix dInB = copy(dInA, offset + 1, 4);
                        if (log) {
                            simd.logSoftmaxForward(a, in);
                            scalar.logSoftmaxForward(b, in);
                            simd.logSoftmaxBackward(dInA, dOut, b);
                            scalar.logSoftmaxBackward(dInB, dOut, b);
                        } else {
                            simd.softmaxForward(a, in);
                            scalar.softmaxForward(b, in);
                            simd.softmaxBackward(dInA, dOut, b);
                            scalar.softmaxBackward(dInB, dOut, b);
                        }
                        // The row sums are added in a different order: a few ulp of the sum, relative.
                        double rel = 8 * TestSizes.gamma(cols, TestSizes.U_F32) + 1e-6;
                        // log-softmax is (x - max) - lse: its error is relative to those terms (tens), not to
                        // the result, which may be near 0.
                        assertRelative(where + " forward", a, b, rel, log ? 64 : 1e-3);
                        assertRelative(where + " backward", dInA, dInB, 10 * rel);
                    }
                }
            }
        }
    }

    @Test
    void biasAgrees() {
        SplittableRandom r = new SplittableRandom(14);
        for (int rows : new int[] {1, 4, 9}) {
            for (int cols : TestSizes.ODD) {
                for (int offset : TestSizes.OFFSETS) {
                    F32Matrix m = random(r, rows, cols, offset, 3, -1, 1);
                    F32Matrix m2 = copy(m, offset + 2, 0);
                    F32Vector b = memory.f32Vector(cols);
                    b.copyFrom(random(r, 1, cols, 0, 0, -1, 1).toArray());
                    simd.biasForward(m, b);
                    scalar.biasForward(m2, b);
                    assertClose("biasForward " + rows + "x" + cols, m, m2, 0);
                    F32Vector dbA = memory.f32Vector(cols);
                    F32Vector dbB = memory.f32Vector(cols);
                    dbA.fill(0.5f);
                    dbB.fill(0.5f);
                    simd.biasBackward(dbA, m);
                    scalar.biasBackward(dbB, m);
                    // Same order of summation down each column: the same bits.
                    assertArrayEquals(dbB.toArray(), dbA.toArray(), "biasBackward " + rows + "x" + cols);
                }
            }
        }
    }

    @Test
    void lossesAgree() {
        SplittableRandom r = new SplittableRandom(15);
        for (int rows : new int[] {1, 5}) {
            for (int cols : TestSizes.ODD) {
                int offset = cols % 4;
                F32Matrix p = random(r, rows, cols, offset, 1, -4, 4);
                F32Matrix t = random(r, rows, cols, offset + 1, 0, 0, 1);
                F32Matrix signs = matrix(rows, cols, 0, 0, 1f);
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        signs.set(i, j, r.nextBoolean() ? 1f : -1f);
                    }
                }
                int[] labels = new int[rows];
                Arrays.setAll(labels, i -> r.nextInt(cols));
                double tol = 1e-5;
                for (String loss : new String[] {"mse", "bce", "ce", "hinge"}) {
                    F32Matrix ga = matrix(rows, cols, offset + 2, 3, Float.NaN);
                    F32Matrix gb = matrix(rows, cols, offset, 0, Float.NaN);
                    double va;
                    double vb;
                    switch (loss) {
                        case "mse" -> {
                            va = simd.mseLoss(ga, p, t);
                            vb = scalar.mseLoss(gb, p, t);
                        }
                        case "bce" -> {
                            va = simd.bceWithLogitsLoss(ga, p, t);
                            vb = scalar.bceWithLogitsLoss(gb, p, t);
                        }
                        case "ce" -> {
                            va = simd.softmaxCrossEntropyLoss(ga, p, labels);
                            vb = scalar.softmaxCrossEntropyLoss(gb, p, labels);
                        }
                        default -> {
                            va = simd.hingeLoss(ga, p, signs, 1f);
                            vb = scalar.hingeLoss(gb, p, signs, 1f);
                        }
                    }
                    String where = loss + " " + rows + "x" + cols;
                    assertTrue(Math.abs(va - vb) <= tol * Math.max(1, Math.abs(vb)), where + ": " + va + " vs " + vb);
                    assertRelative(where + " gradient", ga, gb, 1e-5);
                }
            }
        }
    }

    @Test
    void softmaxCrossEntropyWrittenOverItsLogitsGivesTheSameLossAndGradient() {
        // The SIMD kernel stores e^(z - max) in the gradient before it is done with the row: the loss must still
        // read the logits, not those terms, when the gradient is the logits' own memory.
        SplittableRandom r = new SplittableRandom(21);
        for (Kernels k : new Kernels[] {simd, scalar}) {
            for (int cols : TestSizes.ODD) {
                F32Matrix z = random(r, 3, cols, 1, 2, -4, 4);
                int[] labels = {0, cols - 1, cols / 2};
                F32Matrix grad = matrix(3, cols, 0, 0, Float.NaN);
                double apart = k.softmaxCrossEntropyLoss(grad, z, labels);
                F32Matrix same = copy(z, 1, 2);
                double over = k.softmaxCrossEntropyLoss(same, same, labels);
                String where = k.provider().name() + " cols=" + cols;
                assertTrue(apart == over, where + ": loss " + apart + " apart, " + over + " in place");
                assertArrayEquals(grad.toArray(), same.toArray(), where + ": gradient");
            }
        }
    }

    @Test
    void maxFollowsMathMaxWhereverTheNaNOrTheZeroIs() {
        for (int n : TestSizes.ODD) {
            for (int at = 0; at < n; at += Math.max(1, n / 7)) {
                F32Matrix block = matrix(1, n, 1, 0, -1f);
                F32Vector x = F32Vector.wrap(block.segment(), 1, n, 1);
                block.set(0, at, Float.NaN);
                assertTrue(Float.isNaN(simd.max(x)), "NaN at " + at + " of " + n);
                block.set(0, at, 0f);
                for (int j = 0; j < n; j++) {
                    if (j != at) {
                        block.set(0, j, -0f);
                    }
                }
                assertTrue(Float.floatToRawIntBits(simd.max(x)) == 0, "+0 at " + at + " of " + n + " among -0");
            }
        }
    }

    @Test
    void reductionsAgree() {
        SplittableRandom r = new SplittableRandom(16);
        for (int n : TestSizes.ODD) {
            for (int stride : new int[] {1, 2}) {
                F32Matrix block = random(r, 1, n * stride, 3, 0, -2, 2);
                F32Vector x = F32Vector.wrap(block.segment(), 3, n, stride);
                double bound = TestSizes.gamma(n, TestSizes.U_F32) * 2 * n;
                assertTrue(Math.abs(simd.sum(x) - scalar.sum(x)) <= 2 * bound, "sum n=" + n);
                assertTrue(Math.abs(simd.sumSquares(x) - scalar.sumSquares(x)) <= 8 * bound, "sumSquares n=" + n);
                assertTrue(simd.max(x) == scalar.max(x), "max n=" + n);
            }
            F32Matrix m = random(r, 4, n, 1, 2, -2, 2);
            m.set(2, n - 1, 5f);                   // the tail
            m.set(3, 0, Float.NaN);                // NaN wins
            int[] a = new int[4];
            int[] b = new int[4];
            simd.argmaxRows(a, m);
            scalar.argmaxRows(b, m);
            assertArrayEquals(b, a, "argmax n=" + n);
            assertTrue(a[2] == n - 1 && a[3] == 0, "argmax finds the tail maximum and the NaN, n=" + n);
        }
    }

    @Test
    void optimizersAgree() {
        SplittableRandom r = new SplittableRandom(17);
        for (int n : TestSizes.ODD) {
            for (int kind = 0; kind < 5; kind++) {
                float[][] init = new float[4][];
                for (int k = 0; k < 4; k++) {
                    init[k] = random(r, 1, n, 0, 0, k == 3 ? 0 : -1, 1).toArray();
                }
                F32Vector[] a = new F32Vector[4];
                F32Vector[] b = new F32Vector[4];
                for (int k = 0; k < 4; k++) {
                    a[k] = F32Vector.wrap(memory.allocate((n + 3) * Float.BYTES), 3, n, 1);
                    a[k].copyFrom(init[k]);
                    b[k] = memory.f32Vector(init[k]);
                }
                for (int step = 1; step <= 3; step++) {
                    for (Kernels k : new Kernels[] {simd, scalar}) {
                        F32Vector[] v = k == simd ? a : b;
                        switch (kind) {
                            case 0 -> k.sgdUpdate(v[0], v[1], 0.1f);
                            case 1 -> k.momentumUpdate(v[0], v[1], v[2], 0.1f, 0.9f, false);
                            case 2 -> k.momentumUpdate(v[0], v[1], v[2], 0.1f, 0.9f, true);
                            case 3 -> k.adamWUpdate(v[0], v[1], v[2], v[3], 1e-2f, 0.9f, 0.999f, 1e-8f, 0.01f, step);
                            default -> k.l2WeightDecay(v[1], v[0], 1e-3f);
                        }
                    }
                }
                for (int k = 0; k < 4; k++) {
                    assertArrayEquals(b[k].toArray(), a[k].toArray(), "optimizer " + kind + " operand " + k + " n=" + n);
                }
            }
        }
    }
}
