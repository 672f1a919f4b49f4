package dev.rosenblatt.nn;

import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.nn.model.Perceptron;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PerceptronTest {

    private static final float[] TRUTH_TABLE = {0, 0, 0, 1, 1, 0, 1, 1};

    private static Perceptron.Result learn(int[] targets, OffHeap memory, Perceptron p) {
        F32Matrix x = memory.f32Matrix(4, 2, TRUTH_TABLE);
        Perceptron.Result r = p.train(x, targets, 0.1f, 100);
        if (r.converged()) {
            for (int i = 0; i < 4; i++) {
                assertEquals(targets[i], p.predict(x.row(i)), "row " + i);
            }
        }
        return r;
    }

    @Test
    void learnsAndAndOr() {
        try (OffHeap memory = OffHeap.confined();
             Perceptron and = new Perceptron(2, Kernels.preferred());
             Perceptron or = new Perceptron(2, Kernels.preferred())) {
            Perceptron.Result a = learn(new int[] {0, 0, 0, 1}, memory, and);
            assertTrue(a.converged(), a.describe());
            Perceptron.Result o = learn(new int[] {0, 1, 1, 1}, memory, or);
            assertTrue(o.converged(), o.describe());
        }
    }

    @Test
    void reportsXorAsNotSeparable() {
        try (OffHeap memory = OffHeap.confined(); Perceptron xor = new Perceptron(2, Kernels.preferred())) {
            Perceptron.Result r = learn(new int[] {0, 1, 1, 0}, memory, xor);
            assertFalse(r.converged());
            assertTrue(r.mistakesInLastEpoch() > 0);
            assertTrue(r.describe().contains("not linearly separable"), r.describe());
        }
    }

    @Test
    void badTargetsAndShapesAreRefused() {
        try (OffHeap memory = OffHeap.confined(); Perceptron p = new Perceptron(2, Kernels.preferred())) {
            F32Matrix x = memory.f32Matrix(4, 2, TRUTH_TABLE);
            assertThrows(IllegalArgumentException.class, () -> p.train(x, new int[] {0, 2, 1, 0}, 0.1f, 10));
            assertThrows(IllegalArgumentException.class, () -> p.train(x, new int[] {0, 1, 1}, 0.1f, 10));
            assertThrows(IllegalArgumentException.class, () -> p.train(memory.f32Matrix(4, 3), new int[4], 0.1f, 10));
        }
    }
}
