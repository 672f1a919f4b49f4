package dev.rosenblatt.nn.data;

import dev.rosenblatt.kernels.memory.F32Matrix;

/**
 * Turns class indices into the target matrices that losses other than softmax cross-entropy need. Each fills rows
 * 0 .. count - 1 of {@code out} and allocates nothing, so it can run inside a training step.
 */
public final class Targets {

    private Targets() {
    }

    /** Row i becomes the one-hot vector of labels[i] (out has one column per class): for MSE. */
    public static void oneHot(int[] labels, int count, F32Matrix out) {
        check(labels, count, out);
        for (int i = 0; i < count; i++) {
            if (labels[i] < 0 || labels[i] >= out.cols()) {
                throw new IllegalArgumentException("label " + labels[i] + " has no column in " + out.describe());
            }
            for (int j = 0; j < out.cols(); j++) {
                out.set(i, j, j == labels[i] ? 1f : 0f);
            }
        }
    }

    /** Row i becomes -1 for class 0 and +1 for class 1 (out has one column): for the hinge loss and perceptron. */
    public static void signs(int[] labels, int count, F32Matrix out) {
        check(labels, count, out);
        requireOneColumn(out);
        for (int i = 0; i < count; i++) {
            out.set(i, 0, binary(labels[i]) == 1 ? 1f : -1f);
        }
    }

    /** Row i becomes 0 or 1 (out has one column): for binary cross-entropy from logits. */
    public static void binary(int[] labels, int count, F32Matrix out) {
        check(labels, count, out);
        requireOneColumn(out);
        for (int i = 0; i < count; i++) {
            out.set(i, 0, binary(labels[i]));
        }
    }

    private static int binary(int label) {
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("a two-class target needs labels 0 and 1, not " + label);
        }
        return label;
    }

    private static void requireOneColumn(F32Matrix out) {
        if (out.cols() != 1) {
            throw new IllegalArgumentException("a two-class target has one column, not " + out.describe());
        }
    }

    private static void check(int[] labels, int count, F32Matrix out) {
        if (count < 0 || count > labels.length || count > out.rows()) {
            throw new IllegalArgumentException(count + " targets do not fit " + labels.length + " labels and "
                    + out.describe());
        }
    }
}
