package dev.rosenblatt.verify.harness;

import dev.rosenblatt.kernels.Activation;
import dev.rosenblatt.kernels.KernelProviders;
import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.simd.SimdSpecies;
import dev.rosenblatt.verify.checks.ActivationChecks;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness on samples of a subset of kernels, both providers (SIMD at this JVM's width; the CLI covers the
 * others): the rows pass, and a deliberately wrong kernel fails.
 */
class HarnessTest {

    private static final List<String> SUBSET = List.of("sgemm", "ddot", "sigmoid", "gelu_erf_backward", "softmax",
            "log_softmax_backward", "softmax_cross_entropy_grad", "sum_squares", "adam", "gradcheck_tanh",
            "mlp_f32_vs_reference");

    @Test
    void subsetPassesOnBothProviders() {
        for (String provider : List.of("scalar", "simd")) {
            Kernels k = Kernels.of(provider.equals("scalar") ? KernelProviders.scalar() : KernelProviders.simd());
            List<Row> rows = Harness.run(k, provider, provider.equals("scalar") ? 0 : SimdSpecies.BITS, SUBSET,
                    r -> { });
            assertEquals(SUBSET.size(), rows.size());
            for (Row r : rows) {
                assertTrue(r.pass(), () -> r + " should pass");
                assertTrue(r.inputs() > 0, r.kernel());
            }
        }
    }

    @Test
    void aKernelThreeUlpOffFails() {
        Kernels k = Kernels.of(KernelProviders.simd());
        float[] x = ActivationChecks.inputs();
        ActivationChecks.UnaryKernel honest = (out, in) -> k.activationForward(Activation.SIGMOID, 0f, out, in);
        ActivationChecks.UnaryKernel threeUlpOff = (out, in) -> {
            honest.apply(out, in);
            addUlps(out, 3);
        };
        Row good = ActivationChecks.forward("sigmoid", "simd", SimdSpecies.BITS, honest, Activation.SIGMOID, x);
        Row bad = ActivationChecks.forward("sigmoid", "simd", SimdSpecies.BITS, threeUlpOff, Activation.SIGMOID, x);
        assertTrue(good.pass(), good::toString);
        assertFalse(bad.pass(), bad::toString);
        assertTrue(bad.maxUlp() >= 3, bad::toString);
        assertTrue(bad.violations() > x.length / 2, bad::toString);
    }

    @Test
    void aDerivativeThreeUlpOffFailsWhereTheBoundIsTight() {
        // ReLU's derivative is exact (0 ulp): 3 ulp off anywhere it is nonzero must fail.
        Kernels k = Kernels.of(KernelProviders.scalar());
        float[] x = ActivationChecks.inputs();
        Row bad = ActivationChecks.derivative("relu_backward", "scalar", 0, (out, in) -> {
            ActivationChecks.derivativeByBackward(k, Activation.RELU, 0f, out, in);
            addUlps(out, 3);
        }, Activation.RELU, x);
        assertFalse(bad.pass(), bad::toString);
    }

    private static void addUlps(F32Matrix m, int ulps) {
        for (int j = 0; j < m.cols(); j++) {
            float v = m.get(0, j);
            for (int i = 0; i < ulps; i++) {
                v = Math.nextUp(v);
            }
            m.set(0, j, v);
        }
    }
}
