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
                              int failRound) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public AveragingConfig {
        if (localSteps < 1) {
            throw new IllegalArgumentException("K (local steps per round) must be at least 1, got " + localSteps);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        if (threadsPerTask < 1) {
            throw new IllegalArgumentException("threads per task must be at least 1, got " + threadsPerTask);
        }
    }

    public static AveragingConfig of(int localSteps, int partitions) {
        return new AveragingConfig(localSteps, partitions, true, 1, -1);
    }

    public AveragingConfig withFailRound(int round) {
        return new AveragingConfig(localSteps, partitions, averageOptimizerState, threadsPerTask, round);
    }

    public AveragingConfig withAverageOptimizerState(boolean average) {
        return new AveragingConfig(localSteps, partitions, average, threadsPerTask, failRound);
    }
}
