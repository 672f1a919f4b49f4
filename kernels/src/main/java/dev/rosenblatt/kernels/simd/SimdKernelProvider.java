package dev.rosenblatt.kernels.simd;

import dev.rosenblatt.kernels.Activations;
import dev.rosenblatt.kernels.Bias;
import dev.rosenblatt.kernels.Blas1;
import dev.rosenblatt.kernels.Gemm;
import dev.rosenblatt.kernels.KernelProvider;
import dev.rosenblatt.kernels.Losses;
import dev.rosenblatt.kernels.Optimizers;
import dev.rosenblatt.kernels.PartTask;
import dev.rosenblatt.kernels.Reductions;

/**
 * Kernels written with the Vector API at {@link SimdSpecies#BITS} bits. Loaded by name from
 * {@link dev.rosenblatt.kernels.KernelProviders}, so that code which never selects it runs without the incubator
 * module.
 */
public final class SimdKernelProvider implements KernelProvider {

    private final Blas1 blas1 = new SimdBlas1();
    private final SimdGemm gemm = new SimdGemm();
    private final Activations activations = new SimdActivations();
    private final Bias bias = new SimdBias();
    private final Losses losses = new SimdLosses();
    private final Reductions reductions = new SimdReductions();
    private final Optimizers optimizers = new SimdOptimizers();

    @Override
    public String name() {
        return "simd";
    }

    @Override
    public int vectorBits() {
        return SimdSpecies.BITS;
    }

    @Override
    public Blas1 blas1() {
        return blas1;
    }

    @Override
    public Gemm gemm() {
        return gemm;
    }

    /** On the float32 GEMM's worker threads. */
    @Override
    public void runParts(int parts, PartTask task) {
        gemm.runParts(parts, task);
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
