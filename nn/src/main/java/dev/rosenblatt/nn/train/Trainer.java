package dev.rosenblatt.nn.train;

import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.F32Vector;
import dev.rosenblatt.kernels.memory.MatrixLayout;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.nn.model.Network;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Mini-batch training of a float32 {@link Network}: each epoch shuffles the training rows (from the seed), copies
 * each batch's rows into one input buffer, runs forward and backward, and lets the optimizer update every parameter
 * at once. A step allocates nothing on the Java heap once the first two batch sizes have been seen.
 *
 * <p>Everything random comes from {@link TrainingConfig#seed()}, and GEMM gives the same bits on any thread count,
 * so the same seed gives bitwise-identical weights on 1 and on 2 threads.
 */
public final class Trainer implements AutoCloseable {

    private final Network net;
    private final Kernels kernels;
    private final TrainingConfig config;
    private final Optimizer optimizer;
    private final OffHeap memory = OffHeap.shared();
    private final F32Matrix batchInput;
    private final int[] fullLabels;
    private int[] tailLabels = new int[0];
    private final int[] predictions;
    private final F32Vector params;
    private final F32Vector grads;
    private long step;

    public Trainer(Network net, Kernels kernels, TrainingConfig config) {
        if (net.precision().bytes() != Float.BYTES) {
            throw new IllegalArgumentException("training runs in float32; this network is float64");
        }
        if (config.batchSize() > net.maxBatch()) {
            throw new IllegalArgumentException("batch size " + config.batchSize() + " exceeds the network's workspace ("
                    + net.maxBatch() + " rows)");
        }
        this.net = net;
        this.kernels = kernels;
        this.config = config;
        this.optimizer = Optimizer.create(config.optimizer(), Math.toIntExact(net.parameterCount()),
                config.weightDecay());
        this.batchInput = memory.f32Matrix(config.batchSize(), net.architecture().inputs());
        this.fullLabels = new int[config.batchSize()];
        this.predictions = new int[config.batchSize()];
        this.params = net.parameterVector();
        this.grads = net.gradientVector();
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** Optimizer steps taken so far (the Adam bias-correction step count). */
    public long steps() {
        return step;
    }

    /** Restores the step count (when resuming from a checkpoint). */
    public void setSteps(long steps) {
        this.step = steps;
    }

    /**
     * Trains for the configured epochs, calling {@code onEpoch} after each. {@code firstEpoch} is 0 for a fresh run
     * and the epoch to continue from when resuming. The shuffle of epoch e depends only on the seed and e, so a
     * resumed run sees exactly the batches an uninterrupted one would.
     */
    public void fit(F32Matrix x, int[] y, F32Matrix validX, int[] validY, int firstEpoch, Consumer<EpochStats> onEpoch) {
        checkData("training", x, y);
        if (validX != null) {
            checkData("validation", validX, validY);
        }
        int n = x.rows();
        int[] order = new int[n];
        double bestValidation = Double.POSITIVE_INFINITY;
        int sinceBest = 0;
        for (int epoch = firstEpoch; epoch < config.epochs(); epoch++) {
            long start = System.nanoTime();
            float lr = config.schedule().rate(config.learningRate(), epoch, config.epochs());
            shuffle(order, new SplittableRandom(config.seed() ^ (0x9E3779B97F4A7C15L * (epoch + 1))));
            double lossSum = 0;
            long correct = 0;
            for (int from = 0; from < n; from += config.batchSize()) {
                int rows = Math.min(config.batchSize(), n - from);
                int[] labels = labelsFor(rows);
                F32Matrix batch = gather(x, y, order, from, rows, labels);
                double loss = step(batch, labels, lr);
                if (!Double.isFinite(loss)) {
                    // Continuing would only spread NaN through every weight; say where it happened instead.
                    throw new IllegalStateException("training diverged: the loss is " + loss + " at epoch "
                            + (epoch + 1) + ", step " + step + " (learning rate " + lr + "); lower the learning "
                            + "rate, or check the data for NaN or huge values");
                }
                lossSum += loss * rows;
                correct += countCorrect(net.forwardOutputs(), labels, rows);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double validLoss = Double.NaN;
            double validAccuracy = Double.NaN;
            if (validX != null) {
                Evaluation e = evaluate(validX, validY);
                validLoss = e.loss();
                validAccuracy = e.confusion().accuracy();
            }
            onEpoch.accept(new EpochStats(epoch + 1, config.epochs(), lossSum / n, (double) correct / n, validLoss,
                    validAccuracy, seconds, n / seconds, lr));
            if (config.patience() > 0 && validX != null) {
                if (validLoss < bestValidation) {
                    bestValidation = validLoss;
                    sinceBest = 0;
                } else if (++sinceBest >= config.patience()) {
                    return;
                }
            }
        }
    }

    /**
     * One training step on one batch: forward, loss, backward (overwriting the gradients), optimizer update.
     *
     * @return the batch's mean loss before the update
     */
    public double step(F32Matrix batch, int[] labels, float lr) {
        net.setDropoutStep(step);
        double loss = net.forwardBackward(batch, labels, config.threads(), false);
        optimizer.step(kernels, params, grads, lr, ++step, config.threads());
        return loss;
    }

    /** Loss and confusion matrix of the network on (x, y), in batches of the training batch size. */
    public Evaluation evaluate(F32Matrix x, int[] y) {
        return Evaluation.of(net, kernels, x, y, config.batchSize(), config.threads());
    }

    private int[] labelsFor(int rows) {
        if (rows == fullLabels.length) {
            return fullLabels;
        }
        if (tailLabels.length != rows) {
            tailLabels = new int[rows];
        }
        return tailLabels;
    }

    /** Copies rows order[from .. from+rows) of x into the batch buffer, and their labels into {@code labels}. */
    private F32Matrix gather(F32Matrix x, int[] y, int[] order, int from, int rows, int[] labels) {
        int d = x.cols();
        long rowBytes = (long) d * Float.BYTES;
        MemorySegment src = x.segment();
        MemorySegment dst = batchInput.segment();
        for (int r = 0; r < rows; r++) {
            int i = order[from + r];
            MemorySegment.copy(src, (x.offset() + (long) i * x.ld()) * Float.BYTES, dst, r * rowBytes, rowBytes);
            labels[r] = y[i];
        }
        return rows == batchInput.rows() ? batchInput : batchInputRows(rows);
    }

    private F32Matrix tailView;

    private F32Matrix batchInputRows(int rows) {
        if (tailView == null || tailView.rows() != rows) {
            tailView = batchInput.rowRange(0, rows);
        }
        return tailView;
    }

    private long countCorrect(MatrixLayout outputs, int[] labels, int rows) {
        int[] pred = rows == predictions.length ? predictions : new int[rows];
        kernels.argmaxRows(pred, (F32Matrix) outputs);
        long right = 0;
        for (int r = 0; r < rows; r++) {
            if (pred[r] == labels[r]) {
                right++;
            }
        }
        return right;
    }

    /** Fisher-Yates with the given generator. */
    static void shuffle(int[] order, SplittableRandom random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private void checkData(String what, F32Matrix x, int[] y) {
        if (x.rows() != y.length) {
            throw new IllegalArgumentException(what + " data: " + x.rows() + " rows of features but " + y.length
                    + " labels");
        }
        if (x.cols() != net.architecture().inputs()) {
            throw new IllegalArgumentException(what + " data has " + x.cols() + " features; the network "
                    + net.architecture().describe() + " takes " + net.architecture().inputs());
        }
        int classes = net.architecture().outputs();
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException(what + " data: label " + y[i] + " of row " + i
                        + " is outside [0, " + classes + ")");
            }
        }
    }

    @Override
    public void close() {
        optimizer.close();
        memory.close();
    }
}
