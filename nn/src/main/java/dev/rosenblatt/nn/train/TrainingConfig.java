package dev.rosenblatt.nn.train;

/**
 * How to train: epochs of shuffled mini-batches, the optimizer and its learning rate schedule, the threads GEMM
 * may use, the seed everything random derives from, and early stopping on the validation loss (patience 0: off).
 */
public record TrainingConfig(int epochs, int batchSize, String optimizer, float learningRate, Schedule schedule,
                             float weightDecay, int threads, long seed, int patience) {

    public TrainingConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be a positive number, got " + learningRate);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must not be negative, got " + patience);
        }
    }

    /** Plain SGD at a constant rate, no weight decay, no early stopping. */
    public static TrainingConfig sgd(int epochs, int batchSize, float learningRate, int threads, long seed) {
        return new TrainingConfig(epochs, batchSize, "sgd", learningRate, new Schedule.Constant(), 0f, threads, seed, 0);
    }
}
