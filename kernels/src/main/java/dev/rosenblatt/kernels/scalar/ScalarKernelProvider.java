package dev.rosenblatt.kernels.scalar;

import dev.rosenblatt.kernels.Activations;
import dev.rosenblatt.kernels.Blas1;
import dev.rosenblatt.kernels.KernelProvider;

/** Plain Java loops: the reference every SIMD kernel is tested against, and the fallback where SIMD is missing. */
public final class ScalarKernelProvider implements KernelProvider {

    private final Blas1 blas1 = new ScalarBlas1();

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

    // ---- Elementwise families (issue 4) ----

    private final Activations activations = new ScalarActivations();

    @Override
    public Activations activations() {
        return activations;
    }
}
