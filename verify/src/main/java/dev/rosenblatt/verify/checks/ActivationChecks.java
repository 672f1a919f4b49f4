package dev.rosenblatt.verify.checks;

import dev.rosenblatt.kernels.Activation;
import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.verify.harness.ErrorStats;
import dev.rosenblatt.verify.harness.Inputs;
import dev.rosenblatt.verify.harness.Row;

import java.util.ArrayList;
import java.util.List;

/**
 * Float32 activation kernels, forward and derivative, on sampled inputs of every distribution plus the specials,
 * judged by {@link ActivationBounds}. The kernel is passed as a function so that tests can pass a wrong one.
 */
public final class ActivationChecks {

    /** out = f(in), or dIn += dOut f'(in) with dOut = 1 (the derivative). */
    @FunctionalInterface
    public interface UnaryKernel {
        void apply(F32Matrix out, F32Matrix in);
    }

    public static final int SAMPLES = 200_000;

    private ActivationChecks() {
    }

    public static List<KernelCheck> all() {
        List<KernelCheck> checks = new ArrayList<>();
        for (Activation op : Activation.values()) {
            float p = ActivationBounds.param(op);
            checks.add(KernelCheck.of(op.label(), (k, provider, width) -> forward(op.label(), provider, width,
                    (out, in) -> k.activationForward(op, p, out, in), op, inputs())));
            checks.add(KernelCheck.of(op.label() + "_backward", (k, provider, width) -> derivative(
                    op.label() + "_backward", provider, width, (out, in) -> derivativeByBackward(k, op, p, out, in),
                    op, inputs())));
        }
        return checks;
    }

    public static float[] inputs() {
        return Inputs.sample(SAMPLES, 6, true, false);
    }

    /** dIn = 0 + 1 * f'(in): the backward kernel with dOut = 1. */
    public static void derivativeByBackward(dev.rosenblatt.kernels.Kernels k, Activation op, float p, F32Matrix out,
                                            F32Matrix in) {
        try (OffHeap scratch = OffHeap.confined()) {
            F32Matrix ones = scratch.f32Matrix(in.rows(), in.cols());
            ones.fill(1f);
            out.fill(0f);
            k.activationBackward(op, p, out, ones, in);
        }
    }

    public static Row forward(String name, String provider, int width, UnaryKernel kernel, Activation op,
                              float[] x) {
        float[] y = apply(kernel, x);
        float p = ActivationBounds.param(op);
        ErrorStats stats = new ErrorStats(true);
        for (int i = 0; i < x.length; i++) {
            float xi = x[i];
            double ref = ActivationBounds.forwardReference(op, p, xi);
            stats.record(y[i], ref, Double.NaN, ActivationBounds.forwardOk(op, xi, y[i], ref), () -> "x = " + xi);
        }
        return stats.row(name, provider, width, ActivationBounds.forwardBound(op));
    }

    public static Row derivative(String name, String provider, int width, UnaryKernel kernel, Activation op,
                                 float[] x) {
        float[] y = apply(kernel, x);
        float p = ActivationBounds.param(op);
        ErrorStats stats = new ErrorStats(true);
        for (int i = 0; i < x.length; i++) {
            float xi = x[i];
            if (Float.isNaN(xi)) {
                continue;
            }
            double ref = ActivationBounds.derivativeReference(op, p, xi);
            double ratio = ActivationBounds.exact(op) ? Double.NaN
                    : ActivationBounds.derivativeRatio(op, p, xi, y[i], ref);
            stats.record(y[i], ref, ratio, ActivationBounds.derivativeOk(op, p, xi, y[i], ref), () -> "x = " + xi);
        }
        return stats.row(name, provider, width, ActivationBounds.derivativeBound(op));
    }

    private static float[] apply(UnaryKernel kernel, float[] x) {
        try (OffHeap memory = OffHeap.confined()) {
            F32Matrix in = memory.f32Matrix(1, x.length, x);
            F32Matrix out = memory.f32Matrix(1, x.length);
            kernel.apply(out, in);
            return out.toArray();
        }
    }
}
