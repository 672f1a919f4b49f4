package dev.rosenblatt.nn.data;

import java.util.SplittableRandom;

/**
 * Deterministic orders of examples: Fisher-Yates shuffles driven by a {@link SplittableRandom}, so the same seed
 * gives the same order on every machine and in every run.
 */
public final class Shuffling {

    private Shuffling() {
    }

    /** Shuffles {@code order} in place (Fisher-Yates, uniform over all permutations). */
    public static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** 0, 1, ..., n - 1 in an order drawn from {@code random}. */
    public static int[] permutation(int n, SplittableRandom random) {
        int[] order = identity(n);
        shuffle(order, random);
        return order;
    }

    /** 0, 1, ..., n - 1 in an order determined by {@code seed}. */
    public static int[] permutation(int n, long seed) {
        return permutation(n, new SplittableRandom(seed));
    }

    /**
     * Fills {@code order} with the example order of epoch {@code epoch}: a function of (seed, epoch) only, not of
     * what ran before, so a run resumed at epoch e shuffles exactly as the uninterrupted run did. Allocates only
     * the generator.
     */
    public static void epochOrder(int[] order, long seed, int epoch) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        shuffle(order, new SplittableRandom(mix(seed, epoch)));
    }

    /** Identity order 0, 1, ..., n - 1. */
    public static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** A seed per epoch that differs in all bits between neighbouring epochs (the SplitMix64 finaliser). */
    private static long mix(long seed, int epoch) {
        long z = seed + 0x9E3779B97F4A7C15L * (epoch + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
