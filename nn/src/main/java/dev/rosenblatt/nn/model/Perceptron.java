package dev.rosenblatt.nn.model;

import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.F32Vector;
import dev.rosenblatt.kernels.memory.OffHeap;

/**
 * Rosenblatt's perceptron: a weighted sum plus a bias through a step, y = [w . x + b > 0], trained by his rule
 * w += eta (t - y) x, b += eta (t - y), one example at a time. On linearly separable data it stops making mistakes
 * after finitely many updates (Novikoff's theorem); when an epoch budget passes with mistakes left, the data is
 * reported as not linearly separable (as far as the perceptron could tell).
 */
public final class Perceptron implements AutoCloseable {

    /** How training ended: converged (an epoch without a mistake) or not, after how many epochs. */
    public record Result(boolean converged, int epochs, int mistakesInLastEpoch) {
        public String describe() {
            return converged ? "converged after " + epochs + " epoch(s): every example classified correctly"
                    : "not linearly separable: still " + mistakesInLastEpoch + " mistake(s) in epoch " + epochs
                    + ", so no line (hyperplane) separates the classes";
        }
    }

    private final Kernels kernels;
    private final OffHeap memory = OffHeap.confined();
    private final F32Vector weights;
    private float bias;

    public Perceptron(int inputs, Kernels kernels) {
        this.kernels = kernels;
        this.weights = memory.f32Vector(inputs);
    }

    public F32Vector weights() {
        return weights;
    }

    public float bias() {
        return bias;
    }

    /** 1 when w . x + b > 0, else 0. */
    public int predict(F32Vector x) {
        return kernels.dot(weights, x) + bias > 0 ? 1 : 0;
    }

    /** Rosenblatt's rule over the rows of x (targets 0 or 1) until an epoch without mistakes, or maxEpochs. */
    public Result train(F32Matrix x, int[] targets, float learningRate, int maxEpochs) {
        if (x.rows() != targets.length) {
            throw new IllegalArgumentException("perceptron: " + x.rows() + " examples but " + targets.length
                    + " targets");
        }
        if (x.cols() != weights.length()) {
            throw new IllegalArgumentException("perceptron with " + weights.length() + " inputs given "
                    + x.describe());
        }
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] != 0 && targets[i] != 1) {
                throw new IllegalArgumentException("perceptron targets must be 0 or 1; row " + i + " has "
                        + targets[i]);
            }
        }
        int mistakes = 0;
        for (int epoch = 1; epoch <= maxEpochs; epoch++) {
            mistakes = 0;
            for (int i = 0; i < x.rows(); i++) {
                F32Vector row = x.row(i);
                int error = targets[i] - predict(row);
                if (error != 0) {
                    mistakes++;
                    kernels.axpy(learningRate * error, row, weights);
                    bias += learningRate * error;
                }
            }
            if (mistakes == 0) {
                return new Result(true, epoch, 0);
            }
        }
        return new Result(false, maxEpochs, mistakes);
    }

    @Override
    public void close() {
        memory.close();
    }
}
