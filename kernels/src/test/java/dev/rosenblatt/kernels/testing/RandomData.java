package dev.rosenblatt.kernels.testing;

import java.util.SplittableRandom;

/** Seeded random arrays, so that a failing case can be replayed. */
public final class RandomData {

    private RandomData() {
    }

    /** n floats uniform in [-1, 1). */
    public static float[] floats(SplittableRandom random, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return a;
    }

    /** n doubles uniform in [-1, 1). */
    public static double[] doubles(SplittableRandom random, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextDouble() * 2 - 1;
        }
        return a;
    }
}
