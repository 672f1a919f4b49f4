package dev.rosenblatt.nn;

import dev.rosenblatt.kernels.Activation;
import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.F64Matrix;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.nn.model.Architecture;
import dev.rosenblatt.nn.model.LayerSpec;
import dev.rosenblatt.nn.model.Loss;
import dev.rosenblatt.nn.model.Network;
import dev.rosenblatt.nn.model.Precision;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * End-to-end gradient check in float64: backpropagation through a small deep network against central finite
 * differences of the loss, for every activation in the hidden layers and every loss. Relative error at most 1e-6.
 * STEP is left out: its backward is the straight-through estimator (documented), not its derivative, which is 0.
 */
class GradientCheckTest {

    private static final double H = 1e-5;
    private static final double MAX_RELATIVE = 1e-6;

    @Test
    void backpropagationMatchesFiniteDifferences() {
        SplittableRandom random = new SplittableRandom(5);
        for (Activation act : Activation.values()) {
            if (act == Activation.STEP) {
                continue;
            }
            for (Loss loss : Loss.values()) {
                Architecture arch = new Architecture(5, List.of(new LayerSpec(7, act), new LayerSpec(6, act),
                        new LayerSpec(4, Activation.IDENTITY)), loss);
                check(arch, random);
            }
        }
        // A non-identity output layer too: sigmoid outputs under MSE.
        check(new Architecture(3, List.of(new LayerSpec(5, Activation.TANH), new LayerSpec(3, Activation.SIGMOID)),
                Loss.MSE), random);
    }

    private static void check(Architecture arch, SplittableRandom random) {
        int batch = 4;
        try (OffHeap memory = OffHeap.shared();
             Network net = new Network(arch, Precision.FLOAT64, batch, Kernels.preferred())) {
            net.initialize(null, random.nextLong());
            // Biases away from zero, so that no unit sits on a kink of ReLU or the hinge.
            for (int l = 0; l < arch.layers().size(); l++) {
                for (int j = 0; j < arch.layers().get(l).units(); j++) {
                    ((dev.rosenblatt.kernels.memory.F64Vector) net.bias(l)).set(j, random.nextDouble() * 0.2 - 0.1);
                }
            }
            F64Matrix x = memory.f64Matrix(batch, arch.inputs());
            for (int i = 0; i < batch; i++) {
                for (int j = 0; j < arch.inputs(); j++) {
                    x.set(i, j, random.nextGaussian());
                }
            }
            int[] labels = new int[batch];
            for (int i = 0; i < batch; i++) {
                labels[i] = random.nextInt(arch.outputs());
            }
            net.zeroGradients();
            net.forwardBackward(x, labels, 1);
            for (long p = 0; p < net.parameterCount(); p++) {
                double analytic = net.gradient(p);
                double saved = net.parameter(p);
                net.setParameter(p, saved + H);
                double up = net.loss(x, labels, 1);
                net.setParameter(p, saved - H);
                double down = net.loss(x, labels, 1);
                net.setParameter(p, saved);
                double numeric = (up - down) / (2 * H);
                double scale = Math.max(Math.abs(analytic) + Math.abs(numeric), 1e-4);
                double relative = Math.abs(analytic - numeric) / scale;
                if (!(relative <= MAX_RELATIVE)) {
                    fail(arch.describe() + " " + arch.layers().get(0).activation() + " " + arch.loss()
                            + ": parameter " + p + " analytic " + analytic + " numeric " + numeric + " relative error "
                            + relative);
                }
            }
        }
    }
}
