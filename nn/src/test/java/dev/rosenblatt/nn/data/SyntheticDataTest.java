package dev.rosenblatt.nn.data;

import dev.rosenblatt.kernels.memory.OffHeap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The synthetic sets have the promised labels and geometry, and the same seed gives the same bits. */
class SyntheticDataTest {

    private final OffHeap memory = OffHeap.confined();

    @AfterEach
    void close() {
        memory.close();
    }

    @Test
    void truthTables() {
        float[] points = {0, 0, 0, 1, 1, 0, 1, 1};
        assertArrayEquals(points, SyntheticData.and(memory).features().toArray());
        assertArrayEquals(new int[] {0, 0, 0, 1}, SyntheticData.and(memory).labels());
        assertArrayEquals(new int[] {0, 1, 1, 1}, SyntheticData.or(memory).labels());
        assertArrayEquals(new int[] {0, 1, 1, 0}, SyntheticData.xor(memory).labels());
    }

    @Test
    void sameSeedSameBitsOtherSeedOtherBits() {
        assertArrayEquals(SyntheticData.twoSpirals(50, 0.05, 1, memory).features().toArray(),
                SyntheticData.twoSpirals(50, 0.05, 1, memory).features().toArray());
        assertFalse(Arrays.equals(SyntheticData.twoSpirals(50, 0.05, 1, memory).features().toArray(),
                SyntheticData.twoSpirals(50, 0.05, 2, memory).features().toArray()));
        assertArrayEquals(SyntheticData.blobs(20, 3, 4, 1, 9, memory).features().toArray(),
                SyntheticData.blobs(20, 3, 4, 1, 9, memory).features().toArray());
        assertArrayEquals(SyntheticData.xorClusters(10, 0.1, 9, memory).features().toArray(),
                SyntheticData.xorClusters(10, 0.1, 9, memory).features().toArray());
    }

    @Test
    void xorClustersAreLabelledByQuadrant() {
        Dataset data = SyntheticData.xorClusters(100, 0.2, 4, memory);
        assertEquals(400, data.size());
        int agree = 0;
        for (int i = 0; i < data.size(); i++) {
            boolean differ = data.features().get(i, 0) * data.features().get(i, 1) < 0;
            agree += (differ ? 1 : 0) == data.label(i) ? 1 : 0;
        }
        // Noise 0.2 around corners at distance 1: almost every point stays in its quadrant.
        assertTrue(agree > 395, agree + " of 400 in their quadrant");
    }

    @Test
    void spiralsAreBalancedAndInsideTheUnitSquareWithoutNoise() {
        Dataset data = SyntheticData.twoSpirals(200, 0, 3, memory);
        assertArrayEquals(new int[] {200, 200}, data.classCounts());
        for (float v : data.features().toArray()) {
            assertTrue(Math.abs(v) <= 1f, "coordinate " + v);
        }
        // The second spiral is the first one turned by half a turn.
        assertEquals(-data.features().get(0, 0), data.features().get(200, 0));
    }

    @Test
    void blobsHaveTheRequestedShapeAndClassesAroundDistinctCentres() {
        Dataset data = SyntheticData.blobs(100, 4, 3, 0.5, 8, memory);
        assertEquals(400, data.size());
        assertEquals(3, data.featureCount());
        assertArrayEquals(new int[] {100, 100, 100, 100}, data.classCounts());
        // Points of a class lie close to their mean: spread 0.5 in 3 dimensions.
        for (int c = 0; c < 4; c++) {
            double[] mean = new double[3];
            for (int i = c * 100; i < (c + 1) * 100; i++) {
                for (int j = 0; j < 3; j++) {
                    mean[j] += data.features().get(i, j) / 100.0;
                }
            }
            for (int i = c * 100; i < (c + 1) * 100; i++) {
                double d2 = 0;
                for (int j = 0; j < 3; j++) {
                    double d = data.features().get(i, j) - mean[j];
                    d2 += d * d;
                }
                assertTrue(Math.sqrt(d2) < 3, "point " + i + " is " + Math.sqrt(d2) + " from its centre");
            }
        }
    }

    @Test
    void linearlySeparableSetIsLearnedByThePerceptronRule() {
        // The perceptron convergence theorem: with margin g and radius R, at most (R/g)^2 mistakes in total.
        int dims = 5;
        double margin = 0.1;
        Dataset data = SyntheticData.linearlySeparable(500, dims, margin, 12, memory);
        assertEquals(500, data.size());
        int[] counts = data.classCounts();
        assertTrue(counts[0] > 100 && counts[1] > 100, Arrays.toString(counts));
        double[] w = new double[dims];
        int mistakes = 0;
        boolean clean = false;
        for (int epoch = 0; epoch < 1000 && !clean; epoch++) {
            clean = true;
            for (int i = 0; i < data.size(); i++) {
                double s = 0;
                for (int j = 0; j < dims; j++) {
                    s += w[j] * data.features().get(i, j);
                }
                int y = data.label(i) == 1 ? 1 : -1;
                if (y * s <= 0) {
                    for (int j = 0; j < dims; j++) {
                        w[j] += y * data.features().get(i, j);
                    }
                    mistakes++;
                    clean = false;
                }
            }
        }
        assertTrue(clean, "the perceptron separates the set");
        double radius2 = dims;                                // every point lies in [-1, 1]^dims
        assertTrue(mistakes <= radius2 / (margin * margin), mistakes + " mistakes");
    }
}
