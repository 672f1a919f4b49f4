package dev.rosenblatt.spark;

import java.io.Serial;
import java.io.Serializable;

/**
 * The state a round starts from and ends with: the flat parameter vector, the optimizer's state vectors (empty for
 * SGD, or when the state is not averaged) and the optimizer's step count. Also one partition's result, with the
 * summed loss of its K batches.
 */
public record Weights(float[] parameters, float[][] optimizerState, long steps, double lossSum, long samples)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
}
