package dev.rosenblatt.nn.data;

/** A training set and a test set that came as separate files (MNIST's train-* and t10k-*, say). */
public record TrainTest(Dataset train, Dataset test) {
}
