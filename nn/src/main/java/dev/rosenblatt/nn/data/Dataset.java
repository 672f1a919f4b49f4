package dev.rosenblatt.nn.data;

import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.OffHeap;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Labelled examples for classification: an n x d float32 feature matrix, one example per row, in off-heap memory,
 * and one class index in [0, classCount) per row. Optional names for the features and the classes.
 *
 * <p>The features live in memory owned by the {@link OffHeap} the loader was given: the dataset is usable until
 * that owner is closed, and never frees anything itself. Row-range views ({@link #rows}) and the two parts of
 * {@link #shuffleSplit} share the memory of the dataset they come from.
 */
public final class Dataset {

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private final F32Matrix features;
    private final int[] labels;
    private final int classCount;
    private final List<String> featureNames;
    private final List<String> classNames;

    /**
     * @param features     n x d, not a transposed view
     * @param labels       n class indices in [0, classCount); the dataset keeps this array (no copy)
     * @param classCount   number of classes, at least 1
     * @param featureNames empty, or d names
     * @param classNames   empty, or classCount names
     */
    public Dataset(F32Matrix features, int[] labels, int classCount, List<String> featureNames,
                   List<String> classNames) {
        if (features.isTransposed()) {
            throw new IllegalArgumentException("dataset features must be stored row by row, not a transposed view");
        }
        if (features.rows() != labels.length) {
            throw new IllegalArgumentException(features.describe() + " has " + features.rows() + " rows but there are "
                    + labels.length + " labels");
        }
        if (classCount < 1) {
            throw new IllegalArgumentException("a dataset needs at least one class, not " + classCount);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classCount) {
                throw new IllegalArgumentException("label " + labels[i] + " of row " + i + " is outside [0, "
                        + classCount + ")");
            }
        }
        if (!featureNames.isEmpty() && featureNames.size() != features.cols()) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + features.cols()
                    + " features");
        }
        if (!classNames.isEmpty() && classNames.size() != classCount) {
            throw new IllegalArgumentException(classNames.size() + " class names for " + classCount + " classes");
        }
        this.features = features;
        this.labels = labels;
        this.classCount = classCount;
        this.featureNames = List.copyOf(featureNames);
        this.classNames = List.copyOf(classNames);
    }

    /** A dataset without feature or class names. */
    public static Dataset of(F32Matrix features, int[] labels, int classCount) {
        return new Dataset(features, labels, classCount, List.of(), List.of());
    }

    /** Number of examples (rows). */
    public int size() {
        return labels.length;
    }

    /** Number of features per example (columns). */
    public int featureCount() {
        return features.cols();
    }

    /** Number of classes; labels lie in [0, classCount). */
    public int classCount() {
        return classCount;
    }

    /** The n x d feature matrix (a view of the owner's memory: writes change the dataset). */
    public F32Matrix features() {
        return features;
    }

    /** The class index of row {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** A copy of all labels, in row order. */
    public int[] labels() {
        return labels.clone();
    }

    /** The feature names, or an empty list when the source had none. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The class names (the strings of a CSV label column, say), or an empty list when classes are just numbers. */
    public List<String> classNames() {
        return classNames;
    }

    /** Number of examples of each class. */
    public int[] classCounts() {
        int[] counts = new int[classCount];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** Rows [from, from + count) as a dataset sharing this one's feature memory (labels are copied). */
    public Dataset rows(int from, int count) {
        return new Dataset(features.rowRange(from, count), Arrays.copyOfRange(labels, from, from + count),
                classCount, featureNames, classNames);
    }

    /** A copy of the chosen rows, in the given order, in memory owned by {@code memory}. */
    public Dataset select(int[] rows, OffHeap memory) {
        F32Matrix copy = memory.f32Matrix(rows.length, featureCount());
        int[] copyLabels = new int[rows.length];
        gather(rows, 0, rows.length, copy, copyLabels);
        return new Dataset(copy, copyLabels, classCount, featureNames, classNames);
    }

    /**
     * Copies examples {@code order[from] ... order[from + count - 1]} into rows 0 .. count - 1 of
     * {@code batchFeatures} and {@code batchLabels}: the mini-batch step. Allocates nothing.
     */
    public void gather(int[] order, int from, int count, F32Matrix batchFeatures, int[] batchLabels) {
        if (from < 0 || count < 0 || from + count > order.length) {
            throw new IndexOutOfBoundsException("rows [" + from + ", " + (from + count) + ") of an order of "
                    + order.length);
        }
        if (batchFeatures.isTransposed() || batchFeatures.cols() != featureCount() || batchFeatures.rows() < count
                || batchLabels.length < count) {
            throw new IllegalArgumentException("a batch of " + count + " x " + featureCount() + " does not fit "
                    + batchFeatures.describe() + " and " + batchLabels.length + " labels");
        }
        long rowBytes = (long) featureCount() * Float.BYTES;
        for (int k = 0; k < count; k++) {
            int row = order[from + k];
            if (row < 0 || row >= size()) {
                throw new IndexOutOfBoundsException("row " + row + " is outside a dataset of " + size());
            }
            MemorySegment.copy(features.segment(), rowOffset(features, row), batchFeatures.segment(),
                    rowOffset(batchFeatures, k), rowBytes);
            batchLabels[k] = labels[row];
        }
    }

    /**
     * Reorders the rows (features and labels together) with a permutation drawn from {@code seed}, then returns the
     * first {@code size - v} rows as training and the last {@code v = round(size * validationFraction)} as
     * validation, both as views of this dataset: nothing is copied, so a split of a large set costs no memory.
     * The same seed always gives the same split. Views taken from this dataset before the call see the new order.
     */
    public TrainValidation shuffleSplit(double validationFraction, long seed) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("the validation fraction must lie in [0, 1), not " + validationFraction);
        }
        int validation = (int) Math.round(size() * validationFraction);
        permuteRows(Shuffling.permutation(size(), seed));
        return new TrainValidation(rows(0, size() - validation), rows(size() - validation, validation));
    }

    /** Reorders rows in place so that new row k is old row {@code order[k]}; one row of scratch, no other copy. */
    void permuteRows(int[] order) {
        int n = size();
        int d = featureCount();
        if (order.length != n) {
            throw new IllegalArgumentException("a permutation of " + order.length + " for " + n + " rows");
        }
        BitSet done = new BitSet(n);
        // Check first: a bad order found halfway would leave the rows half moved.
        for (int k : order) {
            if (k < 0 || k >= n || done.get(k)) {
                throw new IllegalArgumentException("not a permutation of " + n + " rows: " + k);
            }
            done.set(k);
        }
        done.clear();
        float[] saved = new float[d];
        MemorySegment segment = features.segment();
        long rowBytes = (long) d * Float.BYTES;
        // Follow each cycle: save its first row, pull every row from the one the permutation names, close with the saved row.
        for (int start = 0; start < n; start++) {
            if (done.get(start)) {
                continue;
            }
            MemorySegment.copy(segment, FLOAT, rowOffset(features, start), saved, 0, d);
            int savedLabel = labels[start];
            int k = start;
            while (true) {
                done.set(k);
                int next = order[k];
                if (next == start) {
                    MemorySegment.copy(saved, 0, segment, FLOAT, rowOffset(features, k), d);
                    labels[k] = savedLabel;
                    break;
                }
                MemorySegment.copy(segment, rowOffset(features, next), segment, rowOffset(features, k), rowBytes);
                labels[k] = labels[next];
                k = next;
            }
        }
    }

    private static long rowOffset(F32Matrix matrix, int row) {
        return (matrix.offset() + (long) row * matrix.ld()) * Float.BYTES;
    }

    @Override
    public String toString() {
        return "Dataset of " + size() + " examples x " + featureCount() + " features, " + classCount + " classes";
    }
}
