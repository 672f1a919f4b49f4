package dev.rosenblatt.spark;

import java.io.Serial;
import java.io.Serializable;

/**
 * The data-parallel options: {@code localSteps} (K) mini-batches per partition between averages, the number of
 * partitions, whether the optimizer state (momentum, Adam moments) is averaged and carried from round to round
 * (otherwise every round starts it from zero, step count 0), and the GEMM threads each task may use.
 * {@code failRound} is for fault-tolerance tests: partition 0's first attempt at that round throws (-1: never).
 */
public record AveragingConfig(int localSteps, int partitions, boolean averageOptimizerState, int threadsPerTask,
                              int failRound, float dropout) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public AveragingConfig {
        if (localSteps < 1) {
            throw new IllegalArgumentException("K (local steps per round) must be at least 1, got " + localSteps);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (threadsPerTask < 1) {
            throw new IllegalArgumentException("threads per task must be at least 1, got " + threadsPerTask);
        }
    }

    public static AveragingConfig of(int localSteps, int partitions) {
        return new AveragingConfig(localSteps, partitions, true, 1, -1, 0f);
    }

    public AveragingConfig withFailRound(int round) {
        return new AveragingConfig(localSteps, partitions, averageOptimizerState, threadsPerTask, round, dropout);
    }

    public AveragingConfig withAverageOptimizerState(boolean average) {
        return new AveragingConfig(localSteps, partitions, average, threadsPerTask, failRound, dropout);
    }

    /** Inverted dropout on hidden layers inside every local step (masks drawn from the partition's seed). */
    public AveragingConfig withDropout(float p) {
        return new AveragingConfig(localSteps, partitions, averageOptimizerState, threadsPerTask, failRound, p);
    }
}
