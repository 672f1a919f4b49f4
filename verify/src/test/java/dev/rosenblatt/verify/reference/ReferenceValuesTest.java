package dev.rosenblatt.verify.reference;

import dev.rosenblatt.kernels.Activation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The references agree with values known independently (closed forms, tables), to double accuracy. */
class ReferenceValuesTest {

    private static final double TIGHT = 1e-15;

    @Test
    void activations() {
        assertEquals(0.5, ReferenceActivations.forward(Activation.SIGMOID, 0, 0), TIGHT);
        assertEquals(1 / (1 + Math.exp(-2.5)), ReferenceActivations.forward(Activation.SIGMOID, 0, 2.5), TIGHT);
        assertEquals(0.7615941559557649, ReferenceActivations.forward(Activation.TANH, 0, 1), TIGHT);
        assertEquals(Math.log(2), ReferenceActivations.forward(Activation.SOFTPLUS, 0, 0), TIGHT);
        assertEquals(0.7310585786300049, ReferenceActivations.forward(Activation.SILU, 0, 1), TIGHT);
        // Phi(1) = 0.8413447460685429 (normal table), so GELU(1) = Phi(1), GELU(-1) = -(1 - Phi(1))
        assertEquals(0.8413447460685429, ReferenceActivations.forward(Activation.GELU_ERF, 0, 1), 1e-14);
        assertEquals(-0.15865525393145707, ReferenceActivations.forward(Activation.GELU_ERF, 0, -1), 1e-14);
        double z = Math.sqrt(2 / Math.PI) * (1 + 0.044715);
        assertEquals(0.5 * (1 + Math.tanh(z)), ReferenceActivations.forward(Activation.GELU_TANH, 0, 1), TIGHT);
        assertEquals(Math.expm1(-1) * 0.5, ReferenceActivations.forward(Activation.ELU, 0.5, -1), TIGHT);
        assertEquals(-0.03, ReferenceActivations.forward(Activation.LEAKY_RELU, 0.01, -3), TIGHT);
        // the tail: GELU(-10) = -10 Phi(-10), Phi(-10) = 7.619853024160527e-24
        assertEquals(-7.619853024160527e-23, ReferenceActivations.forward(Activation.GELU_ERF, 0, -10), 1e-36);
    }

    @Test
    void derivatives() {
        assertEquals(0.25, ReferenceActivations.derivative(Activation.SIGMOID, 0, 0), TIGHT);
        assertEquals(1, ReferenceActivations.derivative(Activation.TANH, 0, 0), TIGHT);
        double t = Math.tanh(0.7);
        assertEquals(1 - t * t, ReferenceActivations.derivative(Activation.TANH, 0, 0.7), 1e-15);
        assertEquals(0.5, ReferenceActivations.derivative(Activation.GELU_ERF, 0, 0), TIGHT);
        assertEquals(0.5, ReferenceActivations.derivative(Activation.GELU_TANH, 0, 0), TIGHT);
        assertEquals(0.5, ReferenceActivations.derivative(Activation.SILU, 0, 0), TIGHT);
        assertEquals(0.5, ReferenceActivations.derivative(Activation.SOFTPLUS, 0, 0), TIGHT);
        // tanh' in the tail, where 1 - tanh^2 is 0 in double: 4 e^-40 to first order
        assertEquals(4 * Math.exp(-40), ReferenceActivations.derivative(Activation.TANH, 0, 20), 1e-30);
        // every smooth derivative against a central difference of the reference's own forward
        for (Activation op : new Activation[] {Activation.SIGMOID, Activation.TANH, Activation.ELU,
                Activation.GELU_ERF, Activation.GELU_TANH, Activation.SILU, Activation.SOFTPLUS}) {
            for (double x : new double[] {-3.1, -0.4, 0.3, 2.2}) {
                double h = 1e-5;
                double numeric = (ReferenceActivations.forward(op, 1, x + h)
                        - ReferenceActivations.forward(op, 1, x - h)) / (2 * h);
                assertEquals(numeric, ReferenceActivations.derivative(op, 1, x), 1e-8, op + " at " + x);
            }
        }
    }

    @Test
    void softmaxAndLosses() {
        assertArrayEquals(new double[] {0.09003057317038046, 0.24472847105479767, 0.6652409557748219},
                ReferenceSoftmax.softmax(new double[] {1, 2, 3}), TIGHT);
        assertArrayEquals(new double[] {-2.4076059644443806, -1.4076059644443804, -0.4076059644443803},
                ReferenceSoftmax.logSoftmax(new double[] {1, 2, 3}), 1e-15);
        ReferenceLosses losses = new ReferenceLosses();
        double[][] grad = new double[1][3];
        assertEquals(Math.log(3), losses.softmaxCrossEntropy(grad, new double[][] {{0, 0, 0}}, new int[] {1}), TIGHT);
        assertArrayEquals(new double[] {1.0 / 3, -2.0 / 3, 1.0 / 3}, grad[0], TIGHT);
        double[][] g2 = new double[2][2];
        assertEquals((1 + 4 + 0 + 9) / 2.0,
                losses.mse(g2, new double[][] {{1, 2}, {3, 4}}, new double[][] {{0, 0}, {3, 1}}), TIGHT);
        assertArrayEquals(new double[] {0, 3}, g2[1], TIGHT); // 2 (p - t) / B
        assertEquals(Math.log(2), losses.bceWithLogits(new double[1][1], new double[][] {{0}},
                new double[][] {{1}}), TIGHT);
        assertEquals(0.5, losses.hinge(new double[1][1], new double[][] {{0.5}}, new double[][] {{1}}, 1), TIGHT);
    }

    @Test
    void gemmAndDot() {
        double[][] c = ReferenceGemm.gemm(2, new double[][] {{1, 2}, {3, 4}}, new double[][] {{5, 6}, {7, 8}}, -1,
                new double[][] {{1, 1}, {1, 1}});
        assertArrayEquals(new double[] {37, 43}, c[0], 0); // 2 * [19 22] - 1
        assertArrayEquals(new double[] {85, 99}, c[1], 0);
        // Dot2 keeps what plain double summation loses: 1e16 + 1 - 1e16
        assertEquals(1, ReferenceGemm.dot2(new double[] {1e16, 1, -1e16}, new double[] {1, 1, 1}, 3), 0);
    }

    @Test
    void optimizers() {
        // Adam's first step moves each parameter by lr * g / (|g| + eps) ~ lr sign(g)
        double[] r = ReferenceOptimizers.adam(1, 0.5, 0, 0, 0.01, 0.9, 0.999, 1e-8, 0, 1);
        assertEquals(1 - 0.01 * 0.5 / (0.5 + 1e-8), r[0], 1e-15);
        assertEquals(0.05, r[1], 1e-15);
        assertEquals(0.00025, r[2], 1e-15);
        double[] m = ReferenceOptimizers.momentum(1, 2, 3, 0.1, 0.9, false);
        assertEquals(4.7, m[1], 1e-15);
        assertEquals(1 - 0.47, m[0], 1e-15);
    }

    @Test
    void mlpOfOneLinearLayerUnderMse() {
        // z = x W + b = [1 2] [[3] [4]] + 5 = 16; loss (16 - 1)^2 = 225; dz = 30, dW = x^T dz, db = dz
        ReferenceMlp.Gradients g = ReferenceMlp.forwardBackward(new double[][] {{1, 2}},
                new double[][][] {{{3}, {4}}}, new double[][] {{5}}, new Activation[] {Activation.IDENTITY},
                new double[] {0}, ReferenceMlp.LossKind.MSE, new int[] {0});
        assertEquals(225, g.loss(), 0);
        assertEquals(30, g.dW()[0][0][0], 0);
        assertEquals(60, g.dW()[0][1][0], 0);
        assertEquals(30, g.db()[0][0], 0);
    }
}
