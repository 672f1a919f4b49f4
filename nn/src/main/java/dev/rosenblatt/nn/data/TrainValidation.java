package dev.rosenblatt.nn.data;

/** A dataset split into the part a model trains on and the part it is checked on during training. */
public record TrainValidation(Dataset train, Dataset validation) {
}
