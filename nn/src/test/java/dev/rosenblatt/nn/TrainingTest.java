package dev.rosenblatt.nn;

import dev.rosenblatt.kernels.Activation;
import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.nn.model.Architecture;
import dev.rosenblatt.nn.model.Loss;
import dev.rosenblatt.nn.model.Network;
import dev.rosenblatt.nn.model.Precision;
import dev.rosenblatt.nn.train.EpochStats;
import dev.rosenblatt.nn.train.Schedule;
import dev.rosenblatt.nn.train.Trainer;
import dev.rosenblatt.nn.train.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingTest {

    /** n points in 2-D Gaussian blobs around k centres on a circle, labels the centre index. */
    private static int[] blobs(F32Matrix x, int k, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] y = new int[x.rows()];
        for (int i = 0; i < x.rows(); i++) {
            int c = random.nextInt(k);
            y[i] = c;
            for (int j = 0; j < x.cols(); j++) {
                double centre = Math.cos(2 * Math.PI * c / k + j);
                x.set(i, j, (float) (3 * centre + random.nextGaussian() * 0.5));
            }
        }
        return y;
    }

    @Test
    void oneHiddenLayerLearnsXor() {
        try (OffHeap memory = OffHeap.shared();
             Network net = new Network(Architecture.mlp(2, new int[] {8}, Activation.TANH, 2,
                     Loss.SOFTMAX_CROSS_ENTROPY), Precision.FLOAT32, 4, Kernels.preferred());
             Trainer trainer = new Trainer(net, Kernels.preferred(),
                     new TrainingConfig(500, 4, "adam", 0.05f, new Schedule.Constant(), 0f, 1, 7, 0))) {
            F32Matrix x = memory.f32Matrix(4, 2, new float[] {0, 0, 0, 1, 1, 0, 1, 1});
            int[] y = {0, 1, 1, 0};
            net.initialize(null, 3);
            List<EpochStats> stats = new ArrayList<>();
            trainer.fit(x, y, null, null, 0, stats::add);
            assertEquals(1.0, trainer.evaluate(x, y).confusion().accuracy(), "XOR learned");
            assertTrue(stats.getLast().trainLoss() < 0.05, "loss " + stats.getLast().trainLoss());
        }
    }

    /**
     * Hidden layers wide enough that the 2-thread run splits its products: the 64x160x192 product and its backward
     * pair (about 2M multiply-adds each) are over the SIMD GEMM's split threshold (768K); 96 and 80 units, used before,
     * no longer were.
     */
    private static float[] train(int threads, long seed) {
        try (OffHeap memory = OffHeap.shared();
             Network net = new Network(Architecture.mlp(16, new int[] {192, 160}, Activation.RELU, 5,
                     Loss.SOFTMAX_CROSS_ENTROPY), Precision.FLOAT32, 64, Kernels.preferred());
             Trainer trainer = new Trainer(net, Kernels.preferred(),
                     new TrainingConfig(3, 64, "momentum", 0.05f, new Schedule.Cosine(), 1e-4f, threads, seed, 0))) {
            F32Matrix x = memory.f32Matrix(1000, 16);
            int[] y = blobs(x, 5, 11);
            net.initialize(null, seed);
            trainer.fit(x, y, null, null, 0, s -> { });
            return net.parameterVector().toArray();
        }
    }

    @Test
    void sameSeedGivesBitwiseIdenticalWeightsOnOneAndTwoThreads() {
        float[] one = train(1, 42);
        float[] two = train(2, 42);
        assertArrayEquals(one, two);
        float[] otherSeed = train(1, 43);
        assertTrue(!java.util.Arrays.equals(one, otherSeed), "a different seed must give different weights");
    }

    @Test
    void divergenceOrNaNDataStopsWithAMessage() {
        try (OffHeap memory = OffHeap.shared();
             Network net = new Network(Architecture.mlp(16, new int[] {32}, Activation.RELU, 5,
                     Loss.SOFTMAX_CROSS_ENTROPY), Precision.FLOAT32, 50, Kernels.preferred());
             Trainer trainer = new Trainer(net, Kernels.preferred(),
                     new TrainingConfig(3, 50, "sgd", 0.1f, new Schedule.Constant(), 0f, 1, 5, 0))) {
            F32Matrix x = memory.f32Matrix(200, 16);
            int[] y = blobs(x, 5, 21);
            x.set(123, 4, Float.NaN);
            net.initialize(null, 5);
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> trainer.fit(x, y, null, null, 0, s -> { }));
            assertTrue(e.getMessage().contains("diverged") && e.getMessage().contains("NaN"), e.getMessage());
        }
    }

    @Test
    void dropoutTrainsDeterministicallyAndLeavesEvaluationAlone() {
        float[][] runs = new float[3][];
        for (int r = 0; r < 3; r++) {
            try (OffHeap memory = OffHeap.shared();
                 Network net = new Network(Architecture.mlp(16, new int[] {64}, Activation.RELU, 5,
                         Loss.SOFTMAX_CROSS_ENTROPY), Precision.FLOAT32, 50, Kernels.preferred());
                 Trainer trainer = new Trainer(net, Kernels.preferred(),
                         new TrainingConfig(20, 50, "adam", 0.01f, new Schedule.Constant(), 0f, 1, 5, 0))) {
                F32Matrix x = memory.f32Matrix(500, 16);
                int[] y = blobs(x, 5, 21);
                net.initialize(null, 5);
                net.setDropout(r < 2 ? 0.5f : 0f, 99);
                trainer.fit(x, y, null, null, 0, s -> { });
                double first = trainer.evaluate(x, y).loss();
                double second = trainer.evaluate(x, y).loss();
                assertEquals(first, second, "evaluation does not draw dropout masks");
                assertTrue(trainer.evaluate(x, y).confusion().accuracy() > 0.9, "learned with dropout 0.5");
                runs[r] = net.parameterVector().toArray();
            }
        }
        assertArrayEquals(runs[0], runs[1], "same seeds, same masks, same weights");
        assertTrue(!java.util.Arrays.equals(runs[0], runs[2]), "dropout changes training");
    }

    @Test
    void aTrainingStepAllocatesNothingAfterWarmUp() {
        assertStepsAllocateNothing("adam");
    }

    @Test
    void anSgdStepAllocatesNothingAfterWarmUp() {
        assertStepsAllocateNothing("sgd");
    }

    @Test
    void anAdamStepSplitBetweenThreadsAllocatesNothingAfterWarmUp() {
        // 82,890 parameters: the optimizer step runs in two parts (PartedUpdate.MIN_PART).
        assertStepsAllocateNothing("adam", 256, 256);
    }

    private static void assertStepsAllocateNothing(String optimizer) {
        assertStepsAllocateNothing(optimizer, 64, 128);
    }

    private static void assertStepsAllocateNothing(String optimizer, int inputs, int hidden) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (OffHeap memory = OffHeap.shared();
             Network net = new Network(Architecture.mlp(inputs, new int[] {hidden, 64}, Activation.RELU, 10,
                     Loss.SOFTMAX_CROSS_ENTROPY), Precision.FLOAT32, 32, Kernels.preferred());
             Trainer trainer = new Trainer(net, Kernels.preferred(),
                     new TrainingConfig(1, 32, optimizer, 1e-3f, new Schedule.Constant(), 0f, 2, 1, 0))) {
            F32Matrix x = memory.f32Matrix(32, inputs);
            int[] y = blobs(x, 10, 3);
            net.initialize(null, 1);
            for (int i = 0; i < 3000; i++) {
                trainer.step(x, y, 1e-3f);
            }
            // Steady state must be allocation-free. A late JIT deoptimization can rematerialize a few objects
            // that compiled code had eliminated (a few hundred bytes, once), so look at up to ten windows of
            // 200 steps and require a clean one; every window is reported if none is.
            long thread = Thread.currentThread().threadId();
            List<Long> windows = new ArrayList<>();
            for (int w = 0; w < 10; w++) {
                long before = threads.getThreadAllocatedBytes(thread);
                for (int i = 0; i < 200; i++) {
                    trainer.step(x, y, 1e-3f);
                }
                long allocated = threads.getThreadAllocatedBytes(thread) - before;
                windows.add(allocated);
                if (allocated == 0) {
                    break;
                }
            }
            assertEquals(0L, windows.getLast(), optimizer + ": bytes allocated per window of 200 steps: " + windows);
        }
    }
}
