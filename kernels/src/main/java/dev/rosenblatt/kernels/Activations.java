package dev.rosenblatt.kernels;

import java.lang.foreign.MemorySegment;

/**
 * Activations, forward and backward, on row-major blocks: {@code rows} rows of {@code cols} elements, row i of a
 * block starting at element {@code off + i * ld} of its segment. Offsets and leading dimensions count elements.
 * Implementations trust their arguments; {@link Kernels} checks them.
 *
 * <p>Forward overwrites {@code out} (which is never read, so NaN there does not leak). Backward accumulates, the
 * llm.c way: {@code dIn += dOut * f'(in)}, where {@code in} is the forward's input; callers zero dIn first when
 * there is nothing to add to. Softmax and log-softmax work on whole rows; their backward takes the forward's output.
 */
public interface Activations {

    void forwardF32(Activation op, float param, int rows, int cols,
                    MemorySegment out, long outOff, long ldOut, MemorySegment in, long inOff, long ldIn);

    void backwardF32(Activation op, float param, int rows, int cols,
                     MemorySegment dIn, long dInOff, long ldDIn, MemorySegment dOut, long dOutOff, long ldDOut,
                     MemorySegment in, long inOff, long ldIn);

    void forwardF64(Activation op, double param, int rows, int cols,
                    MemorySegment out, long outOff, long ldOut, MemorySegment in, long inOff, long ldIn);

    void backwardF64(Activation op, double param, int rows, int cols,
                     MemorySegment dIn, long dInOff, long ldDIn, MemorySegment dOut, long dOutOff, long ldDOut,
                     MemorySegment in, long inOff, long ldIn);

    /** out[i, j] = exp(in[i, j] - max_j in[i, .]) / sum (or its logarithm when {@code log}). */
    void softmaxForwardF32(boolean log, int rows, int cols,
                           MemorySegment out, long outOff, long ldOut, MemorySegment in, long inOff, long ldIn);

    void softmaxForwardF64(boolean log, int rows, int cols,
                           MemorySegment out, long outOff, long ldOut, MemorySegment in, long inOff, long ldIn);

    /**
     * Softmax: dIn += y (dOut - sum_j dOut y); log-softmax: dIn += dOut - exp(y) sum_j dOut; y is the forward's
     * output.
     */
    void softmaxBackwardF32(boolean log, int rows, int cols,
                            MemorySegment dIn, long dInOff, long ldDIn, MemorySegment dOut, long dOutOff,
                            long ldDOut, MemorySegment y, long yOff, long ldY);

    void softmaxBackwardF64(boolean log, int rows, int cols,
                            MemorySegment dIn, long dInOff, long ldDIn, MemorySegment dOut, long dOutOff,
                            long ldDOut, MemorySegment y, long yOff, long ldY);
}
