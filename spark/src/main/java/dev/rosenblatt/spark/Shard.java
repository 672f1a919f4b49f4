package dev.rosenblatt.spark;

import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.nn.data.Dataset;
import dev.rosenblatt.nn.data.Shuffling;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One partition's slice of the training set, on the Java heap so that Spark can ship it: {@code rows} examples of
 * {@code features} floats each (row-major) and their labels. {@code index} is the partition it belongs to; the
 * partition's random choices (its batch order) derive from the run's seed and this index, never from where or on
 * which attempt the task runs.
 */
public record Shard(int index, int rows, int featureCount, int classCount, float[] features, int[] labels)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public Shard {
        if (rows < 1) {
            throw new IllegalArgumentException("shard " + index + " is empty; use fewer partitions");
        }
        if (features.length != (long) rows * featureCount || labels.length != rows) {
            throw new IllegalArgumentException("shard " + index + ": " + features.length + " floats and "
                    + labels.length + " labels for " + rows + " rows of " + featureCount);
        }
    }

    /**
     * Splits a dataset into {@code partitions} shards of nearly equal size: the rows are first permuted with a
     * permutation drawn from {@code seed} (so that a file sorted by class still gives every shard every class),
     * then cut into contiguous runs.
     */
    public static List<Shard> split(Dataset data, int partitions, long seed) {
        if (partitions < 1 || partitions > data.size()) {
            throw new IllegalArgumentException(partitions + " partitions for " + data.size() + " rows");
        }
        int[] order = Shuffling.permutation(data.size(), seed);
        List<Shard> shards = new ArrayList<>(partitions);
        try (OffHeap memory = OffHeap.confined()) {
            for (int p = 0; p < partitions; p++) {
                int from = (int) ((long) data.size() * p / partitions);
                int to = (int) ((long) data.size() * (p + 1) / partitions);
                F32Matrix x = memory.f32Matrix(to - from, data.featureCount());
                int[] y = new int[to - from];
                data.gather(order, from, to - from, x, y);
                shards.add(new Shard(p, to - from, data.featureCount(), data.classCount(), x.toArray(), y));
            }
        }
        return shards;
    }

    /** This shard as an off-heap dataset in {@code memory}. */
    public Dataset toDataset(OffHeap memory) {
        return Dataset.of(memory.f32Matrix(rows, featureCount, features), labels.clone(), classCount);
    }
}
