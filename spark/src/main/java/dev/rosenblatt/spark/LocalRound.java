package dev.rosenblatt.spark;

import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.F32Vector;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.nn.data.Shuffling;
import dev.rosenblatt.nn.model.Network;
import dev.rosenblatt.nn.model.Precision;
import dev.rosenblatt.nn.train.Trainer;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One partition's part of one round, with no Spark in it: rebuild the network from the recipe, load the round's
 * starting weights (and optimizer state), train {@code localSteps} mini-batches of the shard, and hand back the
 * weights. Every off-heap block (network, trainer, the batch buffer) is opened and closed here, on the task's thread.
 *
 * <p>The batches: partition p's local step s (counted over the whole run, s = round * K + j) takes batch
 * s mod B of epoch s div B of its shard, B = ceil(rows / batch), in the order {@code Shuffling.epochOrder} gives for
 * the partition's seed. So a round's result depends only on (seed, p, round, starting weights): a retried task gives
 * the same bits.
 */
public final class LocalRound {

    private LocalRound() {
    }

    /** Batches per pass over a shard of {@code rows} rows. */
    public static int batchesPerEpoch(int rows, int batchSize) {
        return (rows + batchSize - 1) / batchSize;
    }

    public static Weights run(Recipe recipe, Shard shard, Weights start, long round, int localSteps, float lr) {
        Kernels kernels = Kernels.preferred();
        try (OffHeap memory = OffHeap.confined();
             Network net = new Network(recipe.architecture(), Precision.FLOAT32, recipe.batchSize(), kernels);
             Trainer trainer = new Trainer(net, kernels, recipe.localConfig())) {
            net.parameterVector().copyFrom(start.parameters());
            net.setDropout(recipe.dropout(), recipe.partitionSeed(shard.index()) ^ 0x5DEECE66DL);
            F32Vector[] state = trainer.optimizer().state();
            if (start.optimizerState().length == state.length) {
                for (int k = 0; k < state.length; k++) {
                    state[k].copyFrom(start.optimizerState()[k]);
                }
            }
            trainer.setSteps(start.steps());
            int batch = recipe.batchSize();
            int perEpoch = batchesPerEpoch(shard.rows(), batch);
            int[] order = new int[shard.rows()];
            F32Matrix x = memory.f32Matrix(batch, shard.featureCount());
            int[] full = new int[batch];
            long seed = recipe.partitionSeed(shard.index());
            int shuffledEpoch = -1;
            double lossSum = 0;
            long samples = 0;
            for (int j = 0; j < localSteps; j++) {
                long s = round * localSteps + j;
                int epoch = Math.toIntExact(s / perEpoch);
                if (epoch != shuffledEpoch) {
                    Shuffling.epochOrder(order, seed, epoch);
                    shuffledEpoch = epoch;
                }
                int from = (int) (s % perEpoch) * batch;
                int rows = Math.min(batch, shard.rows() - from);
                int[] labels = rows == batch ? full : new int[rows];
                gather(shard, order, from, rows, x, labels);
                double loss = trainer.step(rows == batch ? x : x.rowRange(0, rows), labels, lr);
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException("training diverged on partition " + shard.index() + ": the loss "
                            + "is " + loss + " at round " + round + " (learning rate " + lr + ")");
                }
                lossSum += loss * rows;
                samples += rows;
            }
            float[][] endState = new float[state.length][];
            for (int k = 0; k < state.length; k++) {
                endState[k] = state[k].toArray();
            }
            return new Weights(net.parameterVector().toArray(), endState, trainer.steps(), lossSum, samples);
        }
    }

    /**
     * Copies shard rows order[from .. from + rows) from the heap straight into the batch matrix: the shard itself is
     * never copied off-heap whole (a 30,000-row Fashion-MNIST slice is 94 MB; copying it made every round 6x slower).
     */
    private static void gather(Shard shard, int[] order, int from, int rows, F32Matrix x, int[] labels) {
        int d = shard.featureCount();
        for (int r = 0; r < rows; r++) {
            int i = order[from + r];
            MemorySegment.copy(shard.features(), i * d, x.segment(), ValueLayout.JAVA_FLOAT_UNALIGNED,
                    (x.offset() + (long) r * x.ld()) * Float.BYTES, d);
            labels[r] = shard.labels()[i];
        }
    }
}
