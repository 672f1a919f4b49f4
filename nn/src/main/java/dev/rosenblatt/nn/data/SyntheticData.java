package dev.rosenblatt.nn.data;

import dev.rosenblatt.kernels.memory.OffHeap;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Small classification sets generated from a seed: the truth tables of the classic perceptron experiments (AND,
 * OR, XOR), noisy XOR clusters, two interleaved spirals, Gaussian blobs, and a linearly separable set with a
 * margin. The same arguments always give the same bits. Binary sets use labels 0 and 1; examples are grouped by
 * class, so shuffle (the trainer does) before taking mini-batches.
 */
public final class SyntheticData {

    private SyntheticData() {
    }

    /** The four points of {0, 1}^2 labelled with x AND y: linearly separable. */
    public static Dataset and(OffHeap memory) {
        return truthTable(memory, 0, 0, 0, 1);
    }

    /** The four points of {0, 1}^2 labelled with x OR y: linearly separable. */
    public static Dataset or(OffHeap memory) {
        return truthTable(memory, 0, 1, 1, 1);
    }

    /** The four points of {0, 1}^2 labelled with x XOR y: not linearly separable, the perceptron's famous failure. */
    public static Dataset xor(OffHeap memory) {
        return truthTable(memory, 0, 1, 1, 0);
    }

    private static Dataset truthTable(OffHeap memory, int f00, int f01, int f10, int f11) {
        float[] points = {0, 0, 0, 1, 1, 0, 1, 1};
        return new Dataset(memory.f32Matrix(4, 2, points), new int[] {f00, f01, f10, f11}, 2, List.of("x", "y"),
                List.of());
    }

    /**
     * XOR with noise: {@code perCluster} points around each corner (+-1, +-1) with Gaussian noise of standard
     * deviation {@code noise}; label 1 where the corner's coordinates differ in sign.
     */
    public static Dataset xorClusters(int perCluster, double noise, long seed, OffHeap memory) {
        checkCount(perCluster, "perCluster");
        SplittableRandom random = new SplittableRandom(seed);
        int n = 4 * perCluster;
        float[] x = new float[2 * n];
        int[] labels = new int[n];
        int[][] corners = {{-1, -1}, {-1, 1}, {1, -1}, {1, 1}};
        for (int c = 0; c < 4; c++) {
            for (int k = 0; k < perCluster; k++) {
                int i = c * perCluster + k;
                x[2 * i] = (float) (corners[c][0] + noise * random.nextGaussian());
                x[2 * i + 1] = (float) (corners[c][1] + noise * random.nextGaussian());
                labels[i] = corners[c][0] != corners[c][1] ? 1 : 0;
            }
        }
        return new Dataset(memory.f32Matrix(n, 2, x), labels, 2, List.of("x", "y"), List.of());
    }

    /**
     * Two interleaved spirals of {@code perClass} points each, one and three quarter turns, scaled into [-1, 1]^2,
     * with Gaussian noise of standard deviation {@code noise}: a set only a network with hidden layers separates.
     */
    public static Dataset twoSpirals(int perClass, double noise, long seed, OffHeap memory) {
        checkCount(perClass, "perClass");
        SplittableRandom random = new SplittableRandom(seed);
        int n = 2 * perClass;
        float[] x = new float[2 * n];
        int[] labels = new int[n];
        double turns = 1.75 * 2 * Math.PI;
        for (int k = 0; k < perClass; k++) {
            // sqrt spreads the points evenly along the arc rather than bunching them at the centre.
            double t = Math.sqrt(random.nextDouble()) * turns;
            double r = t / turns;
            for (int c = 0; c < 2; c++) {
                double sign = c == 0 ? 1 : -1;
                int i = c * perClass + k;
                x[2 * i] = (float) (sign * r * Math.cos(t) + noise * random.nextGaussian());
                x[2 * i + 1] = (float) (sign * r * Math.sin(t) + noise * random.nextGaussian());
                labels[i] = c;
            }
        }
        return new Dataset(memory.f32Matrix(n, 2, x), labels, 2, List.of("x", "y"), List.of());
    }

    /**
     * {@code classes} Gaussian blobs in {@code dims} dimensions, {@code perClass} points each: centres drawn
     * uniformly from [-10, 10]^dims, points at standard deviation {@code spread} around them (scikit-learn's
     * make_blobs with its default box).
     */
    public static Dataset blobs(int perClass, int classes, int dims, double spread, long seed, OffHeap memory) {
        checkCount(perClass, "perClass");
        checkCount(classes, "classes");
        checkCount(dims, "dims");
        SplittableRandom random = new SplittableRandom(seed);
        double[][] centres = new double[classes][dims];
        for (double[] centre : centres) {
            for (int j = 0; j < dims; j++) {
                centre[j] = random.nextDouble(-10, 10);
            }
        }
        int n = Math.multiplyExact(perClass, classes);
        float[] x = new float[Math.multiplyExact(n, dims)];
        int[] labels = new int[n];
        for (int c = 0; c < classes; c++) {
            for (int k = 0; k < perClass; k++) {
                int i = c * perClass + k;
                for (int j = 0; j < dims; j++) {
                    x[i * dims + j] = (float) (centres[c][j] + spread * random.nextGaussian());
                }
                labels[i] = c;
            }
        }
        return Dataset.of(memory.f32Matrix(n, dims, x), labels, classes);
    }

    /**
     * {@code n} points uniform in [-1, 1]^dims, labelled by the side of a random hyperplane through the origin
     * (label 1 where w.x > 0, with |w| = 1); points closer than {@code margin} to the plane are redrawn, so the
     * perceptron convergence theorem applies with that margin.
     */
    public static Dataset linearlySeparable(int n, int dims, double margin, long seed, OffHeap memory) {
        checkCount(n, "n");
        checkCount(dims, "dims");
        if (!(margin >= 0 && margin < 0.5)) {
            throw new IllegalArgumentException("the margin must lie in [0, 0.5), not " + margin);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] w = new double[dims];
        double norm = 0;
        for (int j = 0; j < dims; j++) {
            w[j] = random.nextGaussian();
            norm += w[j] * w[j];
        }
        norm = Math.sqrt(norm);
        float[] x = new float[Math.multiplyExact(n, dims)];
        int[] labels = new int[n];
        double[] point = new double[dims];
        for (int i = 0; i < n; i++) {
            double side;
            do {
                side = 0;
                for (int j = 0; j < dims; j++) {
                    point[j] = (float) random.nextDouble(-1, 1);
                    side += w[j] / norm * point[j];
                }
            } while (Math.abs(side) < margin);
            for (int j = 0; j < dims; j++) {
                x[i * dims + j] = (float) point[j];
            }
            labels[i] = side > 0 ? 1 : 0;
        }
        return Dataset.of(memory.f32Matrix(n, dims, x), labels, 2);
    }

    private static void checkCount(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + value);
        }
    }
}
