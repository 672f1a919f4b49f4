package dev.rosenblatt.kernels;

/**
 * One implementation of every kernel family: {@code scalar} (plain loops, the oracle and the fallback) or
 * {@code simd} (the Vector API). Kernels behind this interface check nothing: {@link Kernels} checks shapes,
 * ranges and lifetimes once at the public entry, then calls them.
 */
public interface KernelProvider {

    /** "scalar" or "simd". */
    String name();

    /** Width in bits of the vectors the kernels use; 0 for scalar code. */
    int vectorBits();

    /** Level-1 BLAS: dot products and axpy. */
    Blas1 blas1();

    /** Matrix multiply: sgemm and dgemm. */
    Gemm gemm();

    /**
     * Runs {@code task.run(0)} .. {@code task.run(parts - 1)}, part 0 on this thread; the SIMD provider runs the
     * others on its GEMM's worker threads, this default runs them one after the other. {@code parts} is at least 1.
     */
    default void runParts(int parts, PartTask task) {
        for (int p = 0; p < parts; p++) {
            task.run(p);
        }
    }

    /** "simd (512-bit)" or "scalar", for logs and reports. */
    default String describe() {
        return vectorBits() == 0 ? name() : name() + " (" + vectorBits() + "-bit)";
    }

    // ---- Elementwise families (issue 4) ----

    /** Activations forward and backward, softmax and log-softmax over rows. */
    Activations activations();

    /** Bias add over rows, and the bias gradient as column sums. */
    Bias bias();

    /** Losses with their gradients, averaged over the batch. */
    Losses losses();

    /** Sum, squared norm, max, argmax per row. */
    Reductions reductions();

    /** In-place parameter updates: SGD, momentum, Nesterov, Adam, AdamW, L2 decay, scaling for clipping. */
    Optimizers optimizers();
}
