package dev.rosenblatt.kernels;

/**
 * Work on a block of C that a GEMM runs right after computing that block, on the thread that computed it, while the
 * block is still in that core's caches: a dense layer's bias and activation, for example. The blocks of one call are
 * disjoint and together cover C; how C is cut depends on the thread count, so an epilogue must be elementwise (an
 * element's result depending on that element alone) for results to stay bitwise identical for every thread count.
 * It may run on the GEMM's worker threads, so it must only touch memory those threads can access, and must not
 * block; what it throws is rethrown by the GEMM call.
 */
@FunctionalInterface
public interface GemmEpilogue {

    /** Rows [rowFrom, rowTo) and columns [colFrom, colTo) of C, just computed. */
    void apply(int rowFrom, int rowTo, int colFrom, int colTo);
}
