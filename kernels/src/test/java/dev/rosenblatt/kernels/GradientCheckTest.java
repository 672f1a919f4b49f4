package dev.rosenblatt.kernels;

import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.F64Matrix;
import dev.rosenblatt.kernels.memory.F64Vector;
import dev.rosenblatt.kernels.memory.OffHeap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every backward kernel against a central finite difference in float64: for a scalar L(x) built from the forward
 * kernel (a random weighting of its outputs, or the loss itself), the backward kernel's dL/dx must match
 * (L(x + h) - L(x - h)) / 2h element by element. Inputs stay away from the kinks of ReLU, leaky ReLU and hinge.
 * STEP's backward is straight-through by design (its true derivative is 0), so it is checked to be exactly dOut.
 * The float32 backward kernels are then checked against the float64 ones.
 */
class GradientCheckTest {

    private static final double H = 1e-6;
    private static final double TOL = 1e-6;
    private static final int ROWS = 3;
    private static final int COLS = 7;

    private static OffHeap memory;
    private static final Kernels[] BOTH = {Kernels.of(KernelProviders.scalar()), Kernels.of(KernelProviders.simd())};

    @BeforeAll
    static void open() {
        memory = OffHeap.confined();
    }

    @AfterAll
    static void close() {
        memory.close();
    }

    static F64Matrix random(SplittableRandom r, double lo, double hi) {
        F64Matrix m = memory.f64Matrix(ROWS, COLS);
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < COLS; j++) {
                double v;
                do {
                    v = lo + (hi - lo) * r.nextDouble();
                } while (Math.abs(v) < 1e-2 || Math.abs(v - 1) < 1e-2 || Math.abs(v + 1) < 1e-2);
                m.set(i, j, v);
            }
        }
        return m;
    }

    /** Compares the analytic gradient {@code grad} of L at x with central differences. */
    static void check(String what, F64Matrix x, F64Matrix grad, ToDoubleFunction<F64Matrix> loss) {
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < COLS; j++) {
                double x0 = x.get(i, j);
                x.set(i, j, x0 + H);
                double up = loss.applyAsDouble(x);
                x.set(i, j, x0 - H);
                double down = loss.applyAsDouble(x);
                x.set(i, j, x0);
                double numeric = (up - down) / (2 * H);
                double analytic = grad.get(i, j);
                int ii = i;
                int jj = j;
                assertTrue(Math.abs(numeric - analytic) <= TOL * Math.max(1, Math.abs(numeric)),
                        () -> what + " at (" + ii + ", " + jj + "): backward " + analytic + ", finite difference "
                                + numeric);
            }
        }
    }

    static double weighted(F64Matrix w, F64Matrix y) {
        double s = 0;
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < COLS; j++) {
                s += w.get(i, j) * y.get(i, j);
            }
        }
        return s;
    }

    @Test
    void activations() {
        SplittableRandom r = new SplittableRandom(21);
        for (Kernels k : BOTH) {
            for (Activation op : Activation.values()) {
                double param = op == Activation.ELU ? 1.3 : 0.07;
                F64Matrix x = random(r, -4, 4);
                F64Matrix w = random(r, -1, 1);
                F64Matrix y = memory.f64Matrix(ROWS, COLS);
                F64Matrix dx = memory.f64Matrix(ROWS, COLS);
                k.activationBackward(op, param, dx, w, x);
                if (op == Activation.STEP) {
                    check("step (straight-through: dIn = dOut)", x, dx, m -> weighted(w, m));
                    continue;
                }
                check(op + " " + k.provider().name(), x, dx, m -> {
                    k.activationForward(op, param, y, m);
                    return weighted(w, y);
                });
                // The float32 backward agrees with the float64 one.
                F32Matrix x32 = memory.f32Matrix(ROWS, COLS);
                F32Matrix w32 = memory.f32Matrix(ROWS, COLS);
                F32Matrix dx32 = memory.f32Matrix(ROWS, COLS);
                for (int i = 0; i < ROWS; i++) {
                    for (int j = 0; j < COLS; j++) {
                        x32.set(i, j, (float) x.get(i, j));
                        w32.set(i, j, (float) w.get(i, j));
                    }
                }
                k.activationBackward(op, (float) param, dx32, w32, x32);
                for (int i = 0; i < ROWS; i++) {
                    for (int j = 0; j < COLS; j++) {
                        double ref = ScalarRef.derivative(op, param, x32.get(i, j)) * w32.get(i, j);
                        assertTrue(Math.abs(dx32.get(i, j) - ref) <= 1e-5 * Math.max(1e-3, Math.abs(ref)),
                                op + " float32 backward " + dx32.get(i, j) + " vs float64 " + ref);
                    }
                }
            }
        }
    }

    @Test
    void softmaxAndLogSoftmax() {
        SplittableRandom r = new SplittableRandom(22);
        for (Kernels k : BOTH) {
            for (boolean log : new boolean[] {false, true}) {
                F64Matrix x = random(r, -5, 5);
                F64Matrix w = random(r, -1, 1);
                F64Matrix y = memory.f64Matrix(ROWS, COLS);
                F64Matrix dx = memory.f64Matrix(ROWS, COLS);
                if (log) {
                    k.logSoftmaxForward(y, x);
                    k.logSoftmaxBackward(dx, w, y);
                } else {
                    k.softmaxForward(y, x);
                    k.softmaxBackward(dx, w, y);
                }
                check(log ? "logSoftmax" : "softmax", x, dx, m -> {
                    if (log) {
                        k.logSoftmaxForward(y, m);
                    } else {
                        k.softmaxForward(y, m);
                    }
                    return weighted(w, y);
                });
            }
        }
    }

    @Test
    void bias() {
        SplittableRandom r = new SplittableRandom(23);
        for (Kernels k : BOTH) {
            F64Matrix x = random(r, -1, 1);
            F64Matrix w = random(r, -1, 1);
            F64Vector b = memory.f64Vector(COLS);
            F64Vector db = memory.f64Vector(COLS);
            k.biasBackward(db, w);
            F64Matrix y = memory.f64Matrix(ROWS, COLS);
            for (int j = 0; j < COLS; j++) {
                double b0 = b.get(j);
                double[] l = new double[2];
                for (int s = 0; s < 2; s++) {
                    b.set(j, b0 + (s == 0 ? H : -H));
                    y.copyFrom(x);
                    k.biasForward(y, b);
                    l[s] = weighted(w, y);
                }
                b.set(j, b0);
                double numeric = (l[0] - l[1]) / (2 * H);
                assertTrue(Math.abs(numeric - db.get(j)) <= TOL * Math.max(1, Math.abs(numeric)),
                        "bias gradient column " + j + ": " + db.get(j) + " vs " + numeric);
            }
        }
    }

    @Test
    void losses() {
        SplittableRandom r = new SplittableRandom(24);
        int[] labels = {0, 6, 3};
        for (Kernels k : BOTH) {
            F64Matrix t = random(r, 0, 1);
            F64Matrix signs = random(r, -1, 1);
            for (int i = 0; i < ROWS; i++) {
                for (int j = 0; j < COLS; j++) {
                    signs.set(i, j, signs.get(i, j) < 0 ? -1 : 1);
                }
            }
            for (String loss : new String[] {"mse", "bce", "ce", "hinge"}) {
                F64Matrix x = random(r, -3, 3);
                F64Matrix g = memory.f64Matrix(ROWS, COLS);
                ToDoubleFunction<F64Matrix> value = switch (loss) {
                    case "mse" -> m -> k.mseLoss(null, m, t);
                    case "bce" -> m -> k.bceWithLogitsLoss(null, m, t);
                    case "ce" -> m -> k.softmaxCrossEntropyLoss(null, m, labels);
                    default -> m -> k.hingeLoss(null, m, signs, 0.5);
                };
                switch (loss) {
                    case "mse" -> k.mseLoss(g, x, t);
                    case "bce" -> k.bceWithLogitsLoss(g, x, t);
                    case "ce" -> k.softmaxCrossEntropyLoss(g, x, labels);
                    default -> k.hingeLoss(g, x, signs, 0.5);
                }
                check(loss + " " + k.provider().name(), x, g, value);
            }
        }
    }

    /** The float64 derivative, for comparing the float32 backward kernels. */
    static final class ScalarRef {
        static double derivative(Activation op, double param, double x) {
            return dev.rosenblatt.kernels.scalar.ScalarActivations.derivative(op, param, x);
        }
    }
}
