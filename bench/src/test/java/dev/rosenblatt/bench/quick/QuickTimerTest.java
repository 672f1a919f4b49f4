package dev.rosenblatt.bench.quick;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuickTimerTest {

    @Test
    void medianAndMin() {
        assertEquals(2.0, QuickTimer.median(new double[] {3, 1, 2}));
        assertEquals(2.5, QuickTimer.median(new double[] {4, 1, 3, 2}));
        assertEquals(1.0, QuickTimer.min(new double[] {4, 1, 3, 2}));
    }

    @Test
    void settledMeansWithinFivePercent() {
        assertTrue(QuickTimer.settled(new double[] {1.0, 1.04, 1.02}));
        assertTrue(!QuickTimer.settled(new double[] {1.0, 1.2, 1.02}));
    }

    @Test
    void timesEveryRunAndWarmsUpFirst() {
        int[] calls = {0};
        double[] seconds = QuickTimer.time(() -> calls[0]++, 0.0, 5);
        assertEquals(5, seconds.length);
        assertTrue(calls[0] >= 10, "at least 5 warm-up calls and 5 timed ones, got " + calls[0]);
        for (double s : seconds) {
            assertTrue(s >= 0, "a duration is never negative");
        }
        assertThrows(IllegalArgumentException.class, () -> QuickTimer.time(() -> { }, 0, 0));
    }
}
