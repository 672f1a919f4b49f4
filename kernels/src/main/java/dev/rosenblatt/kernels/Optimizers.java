package dev.rosenblatt.kernels;

import java.lang.foreign.MemorySegment;

/**
 * Parameter updates in place, on n contiguous float32 elements of each operand (parameters p, gradients g, and the
 * optimizer's state). Unchecked; see {@link Kernels}.
 */
public interface Optimizers {

    /** p -= lr g. */
    void sgd(int n, float lr, MemorySegment p, long pOff, MemorySegment g, long gOff);

    /**
     * v = mu v + g; then p -= lr v, or with Nesterov p -= lr (g + mu v) (the PyTorch formulation).
     */
    void momentum(int n, float lr, float mu, boolean nesterov, MemorySegment p, long pOff, MemorySegment g, long gOff,
                  MemorySegment v, long vOff);

    /**
     * Adam with bias correction at step {@code step} (1 for the first): m = b1 m + (1 - b1) g, v = b2 v + (1 - b2)
     * g^2, p -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps) + lr wd p. wd = 0 is Adam; wd &gt; 0 is AdamW
     * (the decay decoupled from the gradient, applied to the parameter before this step).
     */
    void adam(int n, float lr, float beta1, float beta2, float eps, float weightDecay, long step,
              MemorySegment p, long pOff, MemorySegment g, long gOff, MemorySegment m, long mOff,
              MemorySegment v, long vOff);

    /** L2 weight decay as a gradient term: g += lambda p. */
    void l2WeightDecay(int n, float lambda, MemorySegment g, long gOff, MemorySegment p, long pOff);

    /** x *= alpha (gradient clipping scales with it). */
    void scale(int n, float alpha, MemorySegment x, long off);
}
