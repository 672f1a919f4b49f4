package dev.rosenblatt.verify.harness;

import dev.rosenblatt.kernels.Activation;
import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.verify.checks.ActivationBounds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Every float32 input of one activation (or its derivative, by the backward kernel with dOut = 1), judged by
 * {@link ActivationBounds}: the 2^32 bit patterns in chunks of 64K, taken by one worker per core from a shared
 * counter; each worker has its own off-heap buffers and tallies, merged at the end. {@code stride} &gt; 1 sweeps
 * every stride-th chunk only (evenly spread over all binades) for a timed fraction.
 */
public final class ExhaustiveSweep {

    public static final int CHUNK = 1 << 16;
    public static final long CHUNKS = (1L << 32) / CHUNK;
    /** Histogram buckets by ulp: 0, 1, 2, 3, 4, 5-8, 9-64, over 64 (or a wrong NaN or infinity). */
    public static final String[] BUCKETS = {"0", "1", "2", "3", "4", "5-8", "9-64", ">64"};
    static final int WORST = 5;

    /** The outcome: the row, the ulp histogram, the worst inputs, and the seconds it took. */
    public record Result(Row row, long[] histogram, List<String> worst, double seconds, long chunksSwept) {
    }

    private ExhaustiveSweep() {
    }

    public static Result run(Kernels kernels, String provider, int width, Activation op, boolean derivative,
                             int threads, long stride) {
        long start = System.nanoTime();
        AtomicLong next = new AtomicLong();
        long chunks = (CHUNKS + stride - 1) / stride;
        List<Tally> tallies = IntStream.range(0, threads).parallel()
                .mapToObj(t -> worker(kernels, op, derivative, next, chunks, stride)).toList();
        Tally all = new Tally();
        for (Tally t : tallies) {
            all.merge(t);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String name = "exhaustive_" + op.label() + (derivative ? "_backward" : "");
        String bound = derivative ? ActivationBounds.derivativeBound(op) : ActivationBounds.forwardBound(op);
        List<String> worst = all.worst.stream().map(w -> "x = " + w.x + " (0x" + Integer.toHexString(
                Float.floatToRawIntBits(w.x)) + "): " + w.y + " vs " + w.ref + ", " + w.ulp + " ulp"
                + (w.ok ? "" : " FAIL")).toList();
        Row row = new Row(name, provider, width, all.inputs, all.maxAbs, all.maxRel, all.maxUlp, all.maxRatio, bound,
                all.violations, worst.isEmpty() ? "" : worst.get(0), all.violations == 0 && all.inputs > 0);
        return new Result(row, all.histogram, worst, seconds, chunks);
    }

    private static Tally worker(Kernels kernels, Activation op, boolean derivative, AtomicLong next, long chunks,
                                long stride) {
        Tally tally = new Tally();
        float param = ActivationBounds.param(op);
        try (OffHeap memory = OffHeap.confined()) {
            F32Matrix in = memory.f32Matrix(1, CHUNK);
            F32Matrix out = memory.f32Matrix(1, CHUNK);
            F32Matrix ones = memory.f32Matrix(1, CHUNK);
            ones.fill(1f);
            for (long c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                long base = c * stride * CHUNK;
                for (int i = 0; i < CHUNK; i++) {
                    in.set(0, i, Float.intBitsToFloat((int) (base + i)));
                }
                if (derivative) {
                    out.fill(0f);
                    kernels.activationBackward(op, param, out, ones, in);
                } else {
                    kernels.activationForward(op, param, out, in);
                }
                for (int i = 0; i < CHUNK; i++) {
                    float x = in.get(0, i);
                    float y = out.get(0, i);
                    if (derivative) {
                        if (Float.isNaN(x)) {
                            continue;
                        }
                        double ref = ActivationBounds.derivativeReference(op, param, x);
                        tally.add(x, y, ref, ActivationBounds.derivativeOk(op, param, x, y, ref),
                                ActivationBounds.exact(op) ? Double.NaN
                                        : ActivationBounds.derivativeRatio(op, param, x, y, ref));
                    } else {
                        double ref = ActivationBounds.forwardReference(op, param, x);
                        tally.add(x, y, ref, ActivationBounds.forwardOk(op, x, y, ref), Double.NaN);
                    }
                }
            }
        }
        return tally;
    }

    private record Worst(float x, float y, double ref, long ulp, boolean ok) {
    }

    /** Failures first, then by ulp, largest first. */
    private static final Comparator<Worst> ORDER = Comparator.comparing(Worst::ok).thenComparingLong(w -> -w.ulp());

    /** One worker's counts. */
    private static final class Tally {
        final long[] histogram = new long[BUCKETS.length];
        final List<Worst> worst = new ArrayList<>();
        long inputs;
        long violations;
        long maxUlp;
        double maxAbs;
        double maxRel;
        double maxRatio = Double.NaN;

        void add(float x, float y, double ref, boolean ok, double ratio) {
            inputs++;
            long ulp;
            if (Float.isNaN(y) && Double.isNaN(ref) || y == (float) ref) {
                ulp = 0;
            } else if (!Float.isFinite(y) || Float.isInfinite((float) ref) || Double.isNaN(ref)) {
                ulp = Long.MAX_VALUE;
            } else {
                ulp = Ulps.distance(y, (float) ref);
                double abs = Math.abs(y - ref);
                maxAbs = Math.max(maxAbs, abs);
                maxRel = Math.max(maxRel, ref == 0 ? 0 : abs / Math.abs(ref));
            }
            if (!Double.isNaN(ratio)) {
                maxRatio = Double.isNaN(maxRatio) ? ratio : Math.max(maxRatio, ratio);
            }
            histogram[ulp <= 4 ? (int) ulp : ulp <= 8 ? 5 : ulp <= 64 ? 6 : 7]++;
            if (!ok) {
                violations++;
            }
            if (ulp > maxUlp || !ok) {
                maxUlp = Math.max(maxUlp, ulp);
            }
            Worst w = new Worst(x, y, ref, ulp, ok);
            if ((!ok || ulp > 0) && (worst.size() < WORST || ORDER.compare(w, worst.get(worst.size() - 1)) < 0)) {
                worst.add(w);
                worst.sort(ORDER);
                if (worst.size() > WORST) {
                    worst.remove(WORST);
                }
            }
        }

        void merge(Tally t) {
            for (int i = 0; i < histogram.length; i++) {
                histogram[i] += t.histogram[i];
            }
            inputs += t.inputs;
            violations += t.violations;
            maxUlp = Math.max(maxUlp, t.maxUlp);
            maxAbs = Math.max(maxAbs, t.maxAbs);
            maxRel = Math.max(maxRel, t.maxRel);
            if (!Double.isNaN(t.maxRatio)) {
                maxRatio = Double.isNaN(maxRatio) ? t.maxRatio : Math.max(maxRatio, t.maxRatio);
            }
            worst.addAll(t.worst);
            worst.sort(ORDER);
            while (worst.size() > WORST) {
                worst.remove(worst.size() - 1);
            }
        }
    }
}
