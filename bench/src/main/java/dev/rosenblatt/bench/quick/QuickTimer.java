package dev.rosenblatt.bench.quick;

import java.util.Arrays;

/**
 * The timing loop behind the quick {@code bench} commands: warm up until the JIT has settled (a time budget, not a
 * count), then time {@code runs} repetitions one by one and report order statistics. Not JMH: no forks, no
 * blackhole; the kernels write their results to off-heap memory, which the JIT cannot drop.
 */
public final class QuickTimer {

    private QuickTimer() {
    }

    /** Seconds per run of each of the timed repetitions, in the order they ran. */
    public static double[] time(Runnable body, double warmupSeconds, int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1, got " + runs);
        }
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        int warmups = 0;
        do {
            body.run();
            warmups++;
        } while (System.nanoTime() < warmupEnd || warmups < 3);
        double[] seconds = new double[runs];
        for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            body.run();
            seconds[r] = (System.nanoTime() - start) / 1e9;
        }
        return seconds;
    }

    /**
     * How many calls of {@code body} make one timed repetition of about {@code targetSeconds}, so that tiny
     * kernels are not timed at the resolution of the clock.
     */
    public static int callsPerRun(Runnable body, double targetSeconds) {
        long start = System.nanoTime();
        int calls = 0;
        do {
            body.run();
            calls++;
        } while (System.nanoTime() - start < targetSeconds * 1e9 / 4);
        double perCall = (System.nanoTime() - start) / 1e9 / calls;
        return (int) Math.max(1, Math.min(1_000_000, Math.round(targetSeconds / perCall)));
    }

    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }
}
