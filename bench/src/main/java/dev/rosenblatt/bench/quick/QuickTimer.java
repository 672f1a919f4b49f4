package dev.rosenblatt.bench.quick;

import java.util.Arrays;

/**
 * The timing loop behind the quick {@code bench} commands: warm up for a time budget and then until consecutive runs
 * agree within 5% (the JIT has settled), then time {@code runs} repetitions one by one and report order statistics. Not JMH: no forks, no
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
        long start = System.nanoTime();
        long warmupEnd = start + (long) (warmupSeconds * 1e9);
        // Past the time budget, keep warming while the last few runs still differ by more than 5%: the JIT can
        // take seconds to compile everything, longer when the kernel's own threads keep both cores busy.
        long giveUp = start + (long) (Math.max(10 * warmupSeconds, 5) * 1e9);
        double[] recent = new double[5];
        int warmups = 0;
        while (true) {
            long t0 = System.nanoTime();
            body.run();
            long t1 = System.nanoTime();
            recent[warmups++ % recent.length] = (t1 - t0) / 1e9;
            if (warmups >= recent.length && t1 >= warmupEnd && (settled(recent) || t1 >= giveUp)) {
                break;
            }
        }
        double[] seconds = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            body.run();
            seconds[r] = (System.nanoTime() - t0) / 1e9;
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

    /** Whether the slowest of {@code runs} is within 5% of the fastest. */
    static boolean settled(double[] runs) {
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (double r : runs) {
            lo = Math.min(lo, r);
            hi = Math.max(hi, r);
        }
        return hi <= lo * 1.05;
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
