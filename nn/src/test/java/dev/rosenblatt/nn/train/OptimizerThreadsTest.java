package dev.rosenblatt.nn.train;

import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.KernelProviders;
import dev.rosenblatt.kernels.memory.F32Vector;
import dev.rosenblatt.kernels.memory.OffHeap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An optimizer step split between threads gives the one-thread result bit for bit, state included. */
class OptimizerThreadsTest {

    /** Odd, so the last part has a scalar tail; large enough for 3 parts. */
    private static final int N = 100_003;

    @Test
    void theVectorIsReallySplitAndTheCutsAreAligned() {
        assertEquals(1, PartedUpdate.parts(N, 1));
        assertEquals(2, PartedUpdate.parts(N, 2));
        assertEquals(3, PartedUpdate.parts(N, 3));
        assertEquals(1, PartedUpdate.parts(2 * PartedUpdate.MIN_PART - 1, 2), "small vectors stay whole");
        for (int parts = 1; parts <= 3; parts++) {
            assertEquals(0, PartedUpdate.cut(N, 0, parts));
            assertEquals(N, PartedUpdate.cut(N, parts, parts));
            for (int p = 1; p < parts; p++) {
                int cut = PartedUpdate.cut(N, p, parts);
                assertEquals(0, cut % PartedUpdate.ALIGN, "cut " + cut);
                assertTrue(cut > PartedUpdate.cut(N, p - 1, parts));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"sgd, 0", "sgd, 0.001", "momentum, 0.001", "nesterov, 0", "adam, 0", "adam, 0.001", "adamw, 0.01"})
    void splitStepsMatchOneThreadBitForBit(String name, float weightDecay) {
        for (String provider : new String[] {"simd", "scalar"}) {
            Kernels kernels = Kernels.of(provider.equals("simd") ? KernelProviders.simd() : KernelProviders.scalar());
            float[][] one = run(kernels, name, weightDecay, 1);
            for (int threads = 2; threads <= 3; threads++) {
                float[][] split = run(kernels, name, weightDecay, threads);
                for (int v = 0; v < one.length; v++) {
                    assertArrayEquals(one[v], split[v], provider + " " + name + " on " + threads
                            + " threads, vector " + v + " (0: parameters, then the state)");
                }
            }
        }
    }

    @Test
    void mismatchedLengthsAreStillNamedByTheKernel() {
        try (OffHeap memory = OffHeap.shared(); Optimizer sgd = Optimizer.create("sgd", N, 0f)) {
            F32Vector params = memory.f32Vector(N);
            F32Vector grads = memory.f32Vector(N - 1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> sgd.step(Kernels.preferred(), params, grads, 0.1f, 1, 2));
            assertTrue(e.getMessage().contains("sgdUpdate"), e.getMessage());
        }
    }

    @Test
    void confinedVectorsStayOnTheCallingThread() {
        // A confined arena's memory belongs to its thread, so the step runs whole on it (as GEMM does), with the
        // same result as a split step on shared memory.
        float[][] split = run(Kernels.preferred(), "adam", 0f, 2);
        try (OffHeap memory = OffHeap.confined(); Optimizer adam = Optimizer.create("adam", N, 0f)) {
            F32Vector params = memory.f32Vector(N);
            F32Vector grads = memory.f32Vector(N);
            fillAndStep(adam, Kernels.preferred(), params, grads, 2);
            assertArrayEquals(split[0], params.toArray());
        }
    }

    /** Three steps from the same start; returns the parameters and the optimizer's state. */
    private static float[][] run(Kernels kernels, String name, float weightDecay, int threads) {
        try (OffHeap memory = OffHeap.shared(); Optimizer optimizer = Optimizer.create(name, N, weightDecay)) {
            F32Vector params = memory.f32Vector(N);
            F32Vector grads = memory.f32Vector(N);
            fillAndStep(optimizer, kernels, params, grads, threads);
            F32Vector[] state = optimizer.state();
            float[][] all = new float[1 + state.length][];
            all[0] = params.toArray();
            for (int s = 0; s < state.length; s++) {
                all[1 + s] = state[s].toArray();
            }
            return all;
        }
    }

    private static void fillAndStep(Optimizer optimizer, Kernels kernels, F32Vector params, F32Vector grads,
                                    int threads) {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < N; i++) {
            params.set(i, (float) random.nextGaussian());
        }
        for (int step = 1; step <= 3; step++) {
            for (int i = 0; i < N; i++) {
                grads.set(i, (float) (random.nextGaussian() * 0.1));
            }
            optimizer.step(kernels, params, grads, 0.01f, step, threads);
        }
    }
}
