package dev.rosenblatt.kernels;

import java.lang.foreign.MemorySegment;

/**
 * Losses on a batch of {@code rows} examples with {@code cols} outputs each: every method returns the loss averaged
 * over the batch (summed over an example's outputs) and, when {@code grad} is not null, overwrites {@code grad}
 * with its gradient with respect to the predictions (or logits, or scores), which is where backpropagation starts.
 * Unchecked; see {@link Kernels}.
 */
public interface Losses {

    /** (1/B) sum (p - t)^2; gradient 2 (p - t) / B. */
    double mseF32(int rows, int cols, MemorySegment grad, long gOff, long ldG,
                  MemorySegment p, long pOff, long ldP, MemorySegment t, long tOff, long ldT);

    double mseF64(int rows, int cols, MemorySegment grad, long gOff, long ldG,
                  MemorySegment p, long pOff, long ldP, MemorySegment t, long tOff, long ldT);

    /**
     * Binary cross-entropy from logits z with targets y in [0, 1]: (1/B) sum (max(z, 0) - z y + log1p(e^-|z|)),
     * never log(sigmoid(z)); gradient (sigmoid(z) - y) / B.
     */
    double bceLogitsF32(int rows, int cols, MemorySegment grad, long gOff, long ldG,
                        MemorySegment z, long zOff, long ldZ, MemorySegment y, long yOff, long ldY);

    double bceLogitsF64(int rows, int cols, MemorySegment grad, long gOff, long ldG,
                        MemorySegment z, long zOff, long ldZ, MemorySegment y, long yOff, long ldY);

    /**
     * Softmax cross-entropy from logits with integer labels, fused: (1/B) sum over rows of (logsumexp(z_i) -
     * z_i[label_i]) with the row maximum subtracted; gradient (softmax(z_i) - onehot(label_i)) / B.
     */
    double softmaxCrossEntropyF32(int rows, int cols, MemorySegment grad, long gOff, long ldG,
                                  MemorySegment z, long zOff, long ldZ, int[] labels, int labelsOff);

    double softmaxCrossEntropyF64(int rows, int cols, MemorySegment grad, long gOff, long ldG,
                                  MemorySegment z, long zOff, long ldZ, int[] labels, int labelsOff);

    /**
     * Hinge with targets y in {-1, +1}: (1/B) sum max(0, margin - y s); gradient -y / B where y s &lt; margin,
     * else 0. Margin 1 is the SVM hinge, margin 0 Rosenblatt's perceptron criterion.
     */
    double hingeF32(float margin, int rows, int cols, MemorySegment grad, long gOff, long ldG,
                    MemorySegment s, long sOff, long ldS, MemorySegment y, long yOff, long ldY);

    double hingeF64(double margin, int rows, int cols, MemorySegment grad, long gOff, long ldG,
                    MemorySegment s, long sOff, long ldS, MemorySegment y, long yOff, long ldY);
}
