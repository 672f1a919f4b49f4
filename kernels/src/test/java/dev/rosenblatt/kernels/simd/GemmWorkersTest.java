package dev.rosenblatt.kernels.simd;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The team's hand-over: every part of every call runs exactly once, whoever claims it, and failures come back. */
class GemmWorkersTest {

    private final GemmWorkers team = new GemmWorkers(4);

    @AfterEach
    void stop() {
        team.shutdown();
    }

    @Test
    void everyPartOfEveryCallRunsOnceAndBeforeTheCallReturns() {
        int calls = 20_000;
        for (int call = 0; call < calls; call++) {
            int parts = 1 + call % team.maxParts();
            AtomicIntegerArray runs = new AtomicIntegerArray(parts);
            // Part 0 (the caller's) is sometimes slow, sometimes instant, so that workers and the caller race for
            // the other parts both ways.
            boolean slowCaller = call % 3 == 0;
            team.invoke(part -> {
                if (part == 0 && slowCaller) {
                    LockSupport.parkNanos(1_000);
                }
                runs.incrementAndGet(part);
            }, parts);
            for (int p = 0; p < parts; p++) {
                assertEquals(1, runs.get(p), "call " + call + ", part " + p + " of " + parts);
            }
        }
    }

    @Test
    void theCallerTakesOverPartsThatNoWorkerStarted() throws InterruptedException {
        // Let every worker park (they poll for SPIN_NANOS first), then run calls whose parts are instant: the
        // caller claims what a parked worker has not reached yet, so some parts run on the calling thread.
        Thread.sleep(50);
        Thread caller = Thread.currentThread();
        int onCaller = 0;
        for (int call = 0; call < 200; call++) {
            AtomicIntegerArray mine = new AtomicIntegerArray(team.maxParts());
            team.invoke(part -> {
                if (part > 0 && Thread.currentThread() == caller) {
                    mine.incrementAndGet(part);
                }
            }, team.maxParts());
            for (int p = 1; p < team.maxParts(); p++) {
                onCaller += mine.get(p);
            }
            LockSupport.parkNanos(300_000);  // longer than the workers poll: they park again
        }
        assertTrue(onCaller > 0, "no part of 200 calls ran on the caller while the workers were parked");
    }

    @Test
    void aFailureInAnyPartReachesTheCaller() {
        for (int failing = 0; failing < team.maxParts(); failing++) {
            int bad = failing;
            IllegalStateException thrown = new IllegalStateException("part " + bad);
            IllegalStateException caught = assertThrows(IllegalStateException.class, () -> team.invoke(part -> {
                if (part == bad) {
                    throw thrown;
                }
            }, team.maxParts()));
            assertSame(thrown, caught);
        }
        // The team still works afterwards.
        AtomicIntegerArray runs = new AtomicIntegerArray(team.maxParts());
        team.invoke(runs::incrementAndGet, team.maxParts());
        for (int p = 0; p < team.maxParts(); p++) {
            assertEquals(1, runs.get(p));
        }
    }
}
