package dev.rosenblatt.nn.data;

import dev.rosenblatt.kernels.memory.OffHeap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Statistics come from the training set only and the same map applies to any other set. */
class NormalizationTest {

    private final OffHeap memory = OffHeap.confined();

    @AfterEach
    void close() {
        memory.close();
    }

    private Dataset data(float... rowMajorTwoColumns) {
        return Dataset.of(memory.f32Matrix(rowMajorTwoColumns.length / 2, 2, rowMajorTwoColumns),
                new int[rowMajorTwoColumns.length / 2], 1);
    }

    @Test
    void standardizeGivesMeanZeroAndStdOneOnTheTrainingSet() {
        SplittableRandom random = new SplittableRandom(3);
        float[] x = new float[2000];
        for (int i = 0; i < 1000; i++) {
            x[2 * i] = (float) (50 + 4 * random.nextGaussian());
            x[2 * i + 1] = (float) (-0.001 + 1e-4 * random.nextGaussian());
        }
        Dataset train = data(x);
        Normalization map = Normalization.fitStandardize(train);
        map.apply(train);
        for (int j = 0; j < 2; j++) {
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < 1000; i++) {
                sum += train.features().get(i, j);
                squares += train.features().get(i, j) * train.features().get(i, j);
            }
            assertEquals(0, sum / 1000, 1e-5, "mean of feature " + j);
            assertEquals(1, Math.sqrt(squares / 1000), 1e-5, "std of feature " + j);
        }
    }

    @Test
    void testSetGetsTheTrainingStatisticsNotItsOwn() {
        Dataset train = data(0, 10, 2, 10, 4, 10);          // feature 0: mean 2, std sqrt(8/3); feature 1 constant
        Dataset test = data(2, 10, 8, 13);
        Normalization map = Normalization.fitStandardize(train);
        map.apply(test);
        float std = (float) Math.sqrt(8.0 / 3);
        assertEquals(0f, test.features().get(0, 0));
        assertEquals(6f * (1 / std), test.features().get(1, 0), 1e-6f);
        assertEquals(0f, test.features().get(0, 1), "a constant feature is only centred");
        assertEquals(3f, test.features().get(1, 1));
    }

    @Test
    void minMaxAndScaleToUnit() {
        Dataset train = data(0, -5, 255, 5, 51, 0);
        Normalization minMax = Normalization.fitMinMax(train);
        minMax.apply(train);
        assertArrayEquals(new float[] {0, 0, 1, 1, 0.2f, 0.5f}, train.features().toArray(), 1e-6f);

        Dataset pixels = data(0, 255, 51, 102);
        Normalization.scaleToUnit(2, 255).apply(pixels);
        assertArrayEquals(new float[] {0, 1, 0.2f, 0.4f}, pixels.features().toArray(), 1e-6f);
    }

    @Test
    void jsonRoundTripKeepsEveryBit() {
        SplittableRandom random = new SplittableRandom(5);
        float[] x = new float[400];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextGaussian() * Math.exp(random.nextDouble(-30, 30)));
        }
        Normalization map = Normalization.fitStandardize(data(x));
        Normalization back = Normalization.fromJson(map.toJson());
        assertEquals("standardize", back.kind());
        for (int j = 0; j < 2; j++) {
            assertEquals(Float.floatToIntBits(map.shift()[j]), Float.floatToIntBits(back.shift()[j]));
            assertEquals(Float.floatToIntBits(map.scale()[j]), Float.floatToIntBits(back.scale()[j]));
        }
        float[] awkward = {Float.MIN_VALUE, 1.0000001f, 3.4028235e38f, 1.17549435e-38f, 0.1f, 16777217f};
        Normalization exact = Normalization.fromJson(Normalization.of("custom", awkward, awkward).toJson());
        assertArrayEquals(awkward, exact.shift());
    }
}
