package dev.rosenblatt.nn.model;

import java.util.Locale;

/** What the network's output is compared with, and how. Every value is averaged over the batch. */
public enum Loss {
    /** Softmax cross-entropy from logits against integer class labels (fused; the usual classifier loss). */
    SOFTMAX_CROSS_ENTROPY,
    /** Mean squared error against one-hot targets (sum over outputs, mean over the batch). */
    MSE,
    /** Binary cross-entropy from logits against one-hot targets (each output an independent yes/no). */
    BCE_WITH_LOGITS,
    /** Hinge with margin 1 against targets in {-1, +1} (one-vs-rest SVM style; margin 0 is the perceptron's). */
    HINGE;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses "softmax-cross-entropy", "cross-entropy", "ce", "mse", "bce", "hinge" (case-insensitive). */
    public static Loss parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (n) {
            case "softmax-cross-entropy", "cross-entropy", "ce" -> SOFTMAX_CROSS_ENTROPY;
            case "mse" -> MSE;
            case "bce", "bce-with-logits" -> BCE_WITH_LOGITS;
            case "hinge" -> HINGE;
            default -> throw new IllegalArgumentException("unknown loss '" + name
                    + "': expected cross-entropy, mse, bce or hinge");
        };
    }
}
