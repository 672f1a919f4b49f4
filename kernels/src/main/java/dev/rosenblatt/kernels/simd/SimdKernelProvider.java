package dev.rosenblatt.kernels.simd;

import dev.rosenblatt.kernels.Activations;
import dev.rosenblatt.kernels.Bias;
import dev.rosenblatt.kernels.Blas1;
import dev.rosenblatt.kernels.KernelProvider;
import dev.rosenblatt.kernels.Losses;
import dev.rosenblatt.kernels.Optimizers;
import dev.rosenblatt.kernels.Reductions;

/**
 * Kernels written with the Vector API at {@link SimdSpecies#BITS} bits. Loaded by name from
 * {@link dev.rosenblatt.kernels.KernelProviders}, so that code which never selects it runs without the incubator
 * module.
 */
public final class SimdKernelProvider implements KernelProvider {

    private final Blas1 blas1 = new SimdBlas1();

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

    // ---- Elementwise families (issue 4) ----

    private final Activations activations = new SimdActivations();

    @Override
    public Activations activations() {
        return activations;
    }

    private final Bias bias = new SimdBias();

    @Override
    public Bias bias() {
        return bias;
    }

    private final Losses losses = new SimdLosses();

    @Override
    public Losses losses() {
        return losses;
    }

    private final Reductions reductions = new SimdReductions();

    @Override
    public Reductions reductions() {
        return reductions;
    }

    private final Optimizers optimizers = new SimdOptimizers();

    @Override
    public Optimizers optimizers() {
        return optimizers;
    }
}
