package dev.rosenblatt.nn.train;

import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.PartTask;
import dev.rosenblatt.kernels.memory.F32Vector;

/**
 * An optimizer step split between the training threads ({@link Kernels#parallel}): the parameter, gradient and
 * state vectors are cut into the same contiguous ranges, and each part updates its own range.
 *
 * <p>Every update is elementwise, so the result does not depend on the split, provided that each element meets the
 * same code: the cuts fall on multiples of {@link #ALIGN} elements (a whole number of vectors at any width, and of
 * cache lines), so the vector loops of the parts cover exactly the elements that the whole vector's loop covers and
 * only the last part has a tail. Weights stay bitwise identical on 1 and N threads.
 *
 * <p>Allocation-free in steady state: the slices are made on the first step and again only when the vectors or the
 * number of parts change.
 */
final class PartedUpdate {

    /** The body of an update, applied to whole vectors or to one part's slices. */
    @FunctionalInterface
    interface Body {
        void apply(Kernels kernels, F32Vector params, F32Vector grads, F32Vector s1, F32Vector s2);
    }

    /**
     * Fewest elements a part gets. An Adam step on 32K floats takes about 10 us on one thread here, against under
     * a microsecond to hand a part to a polling worker; smaller vectors stay on the calling thread.
     */
    static final int MIN_PART = 1 << 15;
    /** Cuts fall on multiples of this many elements. */
    static final int ALIGN = 256;

    /** Never started: only asked about, as "a thread other than the owner". */
    private static final Thread ANOTHER_THREAD = Thread.ofPlatform().unstarted(() -> { });

    private final Body body;
    private final PartTask task = this::runPart;
    private Kernels kernels;
    private F32Vector params;
    private F32Vector grads;
    private F32Vector s1;
    private F32Vector s2;
    private F32Vector[][] slices = new F32Vector[0][];

    PartedUpdate(Body body) {
        this.body = body;
    }

    /** How many parts a vector of {@code n} elements is split into on {@code threads} threads. */
    static int parts(int n, int threads) {
        return Math.max(1, Math.min(threads, n / MIN_PART));
    }

    /** Applies the body to the whole vectors ({@code s1}, {@code s2} may be null), split over {@code threads}. */
    void run(Kernels kernels, int threads, F32Vector params, F32Vector grads, F32Vector s1, F32Vector s2) {
        int p = parts(params.length(), threads);
        if (p == 1 || !sameLength(params, grads) || !sameLength(params, s1) || !sameLength(params, s2)
                || !shared(params) || !shared(grads) || !shared(s1) || !shared(s2)) {
            // Whole vectors on this thread: also where lengths differ, so that the kernel's own check names the
            // mismatch, and for memory of a confined arena, which only its own thread may touch (as GEMM does).
            body.apply(kernels, params, grads, s1, s2);
            return;
        }
        if (p != slices.length || params != this.params || grads != this.grads || s1 != this.s1 || s2 != this.s2) {
            slice(p, params, grads, s1, s2);
        }
        this.kernels = kernels;
        try {
            kernels.parallel(p, task);
        } finally {
            this.kernels = null;
        }
    }

    private void slice(int p, F32Vector params, F32Vector grads, F32Vector s1, F32Vector s2) {
        int n = params.length();
        F32Vector[][] made = new F32Vector[p][];
        for (int part = 0; part < p; part++) {
            int from = cut(n, part, p);
            int count = cut(n, part + 1, p) - from;
            made[part] = new F32Vector[] {
                params.slice(from, count), sliceOf(grads, from, count), sliceOf(s1, from, count),
                sliceOf(s2, from, count)};
        }
        slices = made;
        this.params = params;
        this.grads = grads;
        this.s1 = s1;
        this.s2 = s2;
    }

    /** Where part {@code part} of {@code parts} starts: n part / parts, down to a multiple of ALIGN; n at the end. */
    static int cut(int n, int part, int parts) {
        if (part == parts) {
            return n;
        }
        return (int) ((long) n * part / parts) / ALIGN * ALIGN;
    }

    /** Whether threads other than the arena's owner may touch {@code v} (true for shared and global arenas). */
    private static boolean shared(F32Vector v) {
        return v == null || v.segment().isAccessibleBy(ANOTHER_THREAD);
    }

    private static boolean sameLength(F32Vector params, F32Vector v) {
        return v == null || v.length() == params.length();
    }

    private static F32Vector sliceOf(F32Vector v, int from, int count) {
        return v == null ? null : v.slice(from, count);
    }

    private void runPart(int part) {
        F32Vector[] s = slices[part];
        body.apply(kernels, s[0], s[1], s[2], s[3]);
    }
}
