package dev.rosenblatt.spark;

import dev.rosenblatt.nn.model.Architecture;
import dev.rosenblatt.nn.train.Schedule;
import dev.rosenblatt.nn.train.TrainingConfig;

import java.io.Serial;
import java.io.Serializable;

/**
 * What a task needs to rebuild the network and its trainer on an executor: the architecture (as its JSON), the
 * batch size, the optimizer and its weight decay, GEMM threads per task, and the run's seed. Serializable and
 * small; the weights travel separately, in a broadcast.
 */
public record Recipe(String architectureJson, int batchSize, String optimizer, float weightDecay, int threads,
                     long seed, float dropout) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public static Recipe of(Architecture arch, TrainingConfig config, int threadsPerTask, float dropout) {
        return new Recipe(arch.toJson(), config.batchSize(), config.optimizer(), config.weightDecay(), threadsPerTask,
                config.seed(), dropout);
    }

    public Architecture architecture() {
        return Architecture.fromJson(architectureJson);
    }

    /** A one-epoch config for the local trainer; the learning rate of each step is passed to it explicitly. */
    TrainingConfig localConfig() {
        return new TrainingConfig(1, batchSize, optimizer, 1f, new Schedule.Constant(), weightDecay, threads, seed, 0);
    }

    /** The seed of partition {@code p}'s batch order: a function of the run's seed and p only. */
    long partitionSeed(int p) {
        long z = seed + 0x9E3779B97F4A7C15L * (p + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
