package dev.rosenblatt.spark;

import java.io.Serial;
import java.io.Serializable;

/**
 * A running sum of partition results in float64, the accumulator of {@code treeAggregate}. Adding is commutative,
 * and the mean is (float) (sum / n): with 2 partitions the result is the same bits whatever order the results
 * arrive in; with more, it is so whenever the float64 sums are exact (they are for parameters within a factor
 * 2^29 of each other), otherwise within one float rounding.
 */
public final class WeightSum implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private double[] parameters;
    private double[][] state;
    private long steps;
    private double lossSum;
    private long samples;
    private int count;

    public WeightSum add(Weights w) {
        if (parameters == null) {
            parameters = new double[w.parameters().length];
            state = new double[w.optimizerState().length][w.parameters().length];
            steps = w.steps();
        }
        add(parameters, w.parameters());
        for (int k = 0; k < state.length; k++) {
            add(state[k], w.optimizerState()[k]);
        }
        lossSum += w.lossSum();
        samples += w.samples();
        count++;
        return this;
    }

    public WeightSum merge(WeightSum other) {
        if (other.parameters == null) {
            return this;
        }
        if (parameters == null) {
            return other;
        }
        add(parameters, other.parameters);
        for (int k = 0; k < state.length; k++) {
            add(state[k], other.state[k]);
        }
        lossSum += other.lossSum;
        samples += other.samples;
        count += other.count;
        return this;
    }

    public int count() {
        return count;
    }

    /** The mean weights and state; the step count of any partition (they all took the same number of steps). */
    public Weights mean() {
        if (count == 0) {
            throw new IllegalStateException("no partition returned weights");
        }
        float[][] meanState = new float[state.length][];
        for (int k = 0; k < state.length; k++) {
            meanState[k] = mean(state[k], count);
        }
        return new Weights(mean(parameters, count), meanState, steps, lossSum, samples);
    }

    private static void add(double[] sum, float[] values) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += values[i];
        }
    }

    private static void add(double[] sum, double[] values) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += values[i];
        }
    }

    private static float[] mean(double[] sum, int n) {
        float[] m = new float[sum.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) (sum[i] / n);
        }
        return m;
    }
}
