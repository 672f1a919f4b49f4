package dev.rosenblatt.nn.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Shuffles are permutations, reproducible from the seed, and epoch orders do not depend on history. */
class ShufflingTest {

    @Test
    void permutationContainsEveryIndexOnce() {
        int[] order = Shuffling.permutation(1000, 7L);
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        assertArrayEquals(Shuffling.identity(1000), sorted);
        assertFalse(Arrays.equals(Shuffling.identity(1000), order));
    }

    @Test
    void sameSeedSameOrderOtherSeedOtherOrder() {
        assertArrayEquals(Shuffling.permutation(500, 1L), Shuffling.permutation(500, 1L));
        assertFalse(Arrays.equals(Shuffling.permutation(500, 1L), Shuffling.permutation(500, 2L)));
        assertArrayEquals(Shuffling.permutation(50, new SplittableRandom(9)),
                Shuffling.permutation(50, new SplittableRandom(9)));
    }

    @Test
    void epochOrderDependsOnlyOnSeedAndEpoch() {
        int[] fresh = new int[300];
        Shuffling.epochOrder(fresh, 5L, 3);
        // An array that went through other epochs first (as in an uninterrupted run) ends up the same.
        int[] used = new int[300];
        for (int epoch = 0; epoch <= 3; epoch++) {
            Shuffling.epochOrder(used, 5L, epoch);
        }
        assertArrayEquals(fresh, used);
        int[] next = new int[300];
        Shuffling.epochOrder(next, 5L, 4);
        assertFalse(Arrays.equals(fresh, next), "each epoch has its own order");
    }

    @Test
    void fisherYatesIsRoughlyUniform() {
        // Position of element 0 after shuffling 4 elements, 40,000 times: each position about 10,000.
        int[] counts = new int[4];
        SplittableRandom random = new SplittableRandom(11);
        int[] order = new int[4];
        for (int t = 0; t < 40_000; t++) {
            for (int i = 0; i < 4; i++) {
                order[i] = i;
            }
            Shuffling.shuffle(order, random);
            for (int i = 0; i < 4; i++) {
                if (order[i] == 0) {
                    counts[i]++;
                }
            }
        }
        for (int count : counts) {
            assertEquals(10_000, count, 400);
        }
    }
}
