package dev.rosenblatt.nn.train;

/** What one epoch did. Validation figures are NaN when there is no validation set. */
public record EpochStats(int epoch, int epochs, double trainLoss, double trainAccuracy, double validationLoss,
                         double validationAccuracy, double seconds, double samplesPerSecond, float learningRate) {
}
