package dev.rosenblatt.kernels.scalar;

import dev.rosenblatt.kernels.Activations;
import dev.rosenblatt.kernels.Bias;
import dev.rosenblatt.kernels.Blas1;
import dev.rosenblatt.kernels.Gemm;
import dev.rosenblatt.kernels.KernelProvider;
import dev.rosenblatt.kernels.Losses;
import dev.rosenblatt.kernels.Optimizers;
import dev.rosenblatt.kernels.Reductions;

/** Plain Java loops: the reference every SIMD kernel is tested against, and the fallback where SIMD is missing. */
public final class ScalarKernelProvider implements KernelProvider {

    private final Blas1 blas1 = new ScalarBlas1();
    private final Gemm gemm = new ScalarGemm();
    private final Activations activations = new ScalarActivations();
    private final Bias bias = new ScalarBias();
    private final Losses losses = new ScalarLosses();
    private final Reductions reductions = new ScalarReductions();
    private final Optimizers optimizers = new ScalarOptimizers();

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int vectorBits() {
        return 0;
    }

    @Override
    public Blas1 blas1() {
        return blas1;
    }

    @Override
    public Gemm gemm() {
        return gemm;
    }

    @Override
    public Activations activations() {
        return activations;
    }

    @Override
    public Bias bias() {
        return bias;
    }

    @Override
    public Losses losses() {
        return losses;
    }

    @Override
    public Reductions reductions() {
        return reductions;
    }

    @Override
    public Optimizers optimizers() {
        return optimizers;
    }
}
