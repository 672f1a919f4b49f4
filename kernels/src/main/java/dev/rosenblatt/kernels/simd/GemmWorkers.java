package dev.rosenblatt.kernels.simd;

import dev.rosenblatt.kernels.PartTask;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of daemon threads that run the parts of one GEMM beside the calling thread, which runs part 0.
 *
 * <p>Built for many short calls in a row (a training step is a dozen GEMMs): a call allocates nothing, wakes
 * workers with a volatile write (and an unpark only for a worker that has parked: that system call was 3.5% of the
 * calling thread's time in 2-thread training), and a worker polls for {@link #SPIN_NANOS} before parking again so
 * that back-to-back calls do not pay a wake-up each. Not for concurrent use: one owner at a time (see
 * {@link GemmContextPool}).
 *
 * <p>Parts are claimed, not assigned: whoever is free takes the next unclaimed part, and the caller, once its own
 * part is done, takes those that no worker has started. A worker that is parked, or descheduled by something else
 * on a 2-core machine, then costs the call at most what the caller would have taken alone, never a scheduler's time
 * slice. Which thread runs a part does not change its result: each part is a fixed block of C (see
 * {@link SimdSgemm}), so results stay bitwise identical.
 */
final class GemmWorkers {

    /**
     * How long a worker polls before it parks. The polling loops do without PAUSE ({@code Thread.onSpinWait}): on
     * this project's virtual machines, with PAUSE, 9 JMH forks of 23 ran a 2-thread training step at 88-110k
     * samples/s instead of 140-155k, for the whole fork (the threads handed work over late; a hypervisor's
     * pause-loop exiting, by the look of it). Without it, 10 forks of 10 ran at 138-155k (2026-11-26).
     */
    private static final long SPIN_NANOS = 100_000;
    /** How long the caller polls for the workers' parts before it yields its core at each check. */
    private static final long YIELD_AFTER_NANOS = 50_000;

    private final Worker[] workers;
    private final AtomicInteger remaining = new AtomicInteger();
    /**
     * The claim word: call number (high 32 bits), parts of that call (16 bits) and the next unclaimed part (low 16
     * bits). One word, so that a claim made by a worker woken for an earlier call can only succeed for the call in
     * progress, and succeeds only for a part that exists: a successful claim of part p also means that the call
     * cannot end before p is done, so {@link #job} is still that call's when the claimant reads it.
     */
    private final AtomicLong claim = new AtomicLong();
    private int call;
    private volatile PartTask job;
    private volatile Throwable failure;
    private volatile boolean stopped;

    GemmWorkers(int maxParts) {
        workers = new Worker[Math.max(0, maxParts - 1)];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker(w + 1);
            workers[w].start();
        }
    }

    /** The most parts one call can run. */
    int maxParts() {
        return workers.length + 1;
    }

    /** Runs parts 0 .. parts-1 of {@code work}, part 0 on this thread, and returns when all are done. */
    void invoke(PartTask work, int parts) {
        if (parts > maxParts()) {
            throw new IllegalArgumentException(parts + " parts, but this team has " + maxParts() + " threads");
        }
        failure = null;
        job = work;
        remaining.set(parts - 1);
        claim.set(((long) ++call << 32) | ((long) parts << 16) | 1);
        for (int w = 0; w < parts - 1; w++) {
            workers[w].wake();
        }
        Throwable own = null;
        try {
            work.run(0);
        } catch (Throwable t) {
            own = t;
        }
        runClaimedParts();
        // Poll (see SPIN_NANOS) for the parts that workers are running. Past YIELD_AFTER_NANOS, yield at each check:
        // a worker that shares this thread's core (the other one busy with something else) then gets to finish.
        long since = 0;
        for (int spins = 1; remaining.get() > 0; spins++) {
            if ((spins & 1023) == 0) {
                long now = System.nanoTime();
                if (since == 0) {
                    since = now;
                } else if (now - since >= YIELD_AFTER_NANOS) {
                    Thread.yield();
                }
            }
        }
        job = null;
        Throwable fromWorker = failure;
        if (own != null) {
            rethrow(own);
        }
        if (fromWorker != null) {
            rethrow(fromWorker);
        }
    }

    /**
     * Whether the workers may touch {@code segment}: memory of a confined arena belongs to its thread alone, so
     * products on such memory run on the calling thread (with the same result, since k is never split).
     */
    boolean canAccess(java.lang.foreign.MemorySegment segment) {
        return workers.length == 0 || segment.isAccessibleBy(workers[0]);
    }

    /** Lets the worker threads end; the team cannot be used afterwards. */
    void shutdown() {
        stopped = true;
        for (Worker worker : workers) {
            LockSupport.unpark(worker);
        }
    }

    /** Claims the next part of the call in progress: its number, or -1 when every part has been claimed. */
    private int claimPart() {
        while (true) {
            long word = claim.get();
            int next = (int) (word & 0xFFFF);
            if (next >= (int) ((word >>> 16) & 0xFFFF)) {
                return -1;
            }
            if (claim.compareAndSet(word, word + 1)) {
                return next;
            }
        }
    }

    /** Runs parts 1 .. of the call in progress until none is left unclaimed; a failure is kept for the caller. */
    private void runClaimedParts() {
        for (int part; (part = claimPart()) >= 0; ) {
            try {
                job.run(part);
            } catch (Throwable t) {
                failure = t;
            } finally {
                remaining.decrementAndGet();
            }
        }
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    private final class Worker extends Thread {
        private volatile int requested;
        private int done;
        /** Set while the worker is about to park or parked: only then does {@link #wake} pay for an unpark. */
        private volatile boolean parked;

        Worker(int number) {
            super("rosenblatt-gemm-" + number);
            setDaemon(true);
        }

        void wake() {
            requested++;
            // A volatile write, then a volatile read; the worker does the reverse (parked, then requested), so
            // either it sees the new request and does not park, or this sees parked and unparks it.
            if (parked) {
                LockSupport.unpark(this);
            }
        }

        @Override
        public void run() {
            while (true) {
                int spins = 0;
                long since = System.nanoTime();
                while (requested == done) {
                    if (stopped) {
                        return;
                    }
                    if ((++spins & 1023) == 0 && System.nanoTime() - since >= SPIN_NANOS) {
                        parked = true;
                        if (requested == done && !stopped) {
                            LockSupport.park(this);
                        }
                        parked = false;
                    }
                }
                done = requested;
                runClaimedParts();
            }
        }
    }
}
