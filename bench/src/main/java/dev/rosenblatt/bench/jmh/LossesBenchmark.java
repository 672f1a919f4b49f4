package dev.rosenblatt.bench.jmh;

import dev.rosenblatt.kernels.KernelProviders;
import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.OffHeap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Fused losses with their gradient: softmax cross-entropy from logits (the MLP's 128 x 10 output, and a
 * 1024 x 1000 ImageNet-sized one), mean squared error, binary cross-entropy from logits and hinge on the same
 * shapes. Scalar and SIMD run in separate forks. Throughput mode, so that the {@code bytes} counter is a rate: / 1e9
 * is GB/s of logits read and gradients written (the targets of MSE, BCE and hinge counted too).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        KernelProviders.TIER3_DELAY_ON_FLAG,
        KernelProviders.NO_PROFILED_LOOP_PREDICATE_FLAG})
public class LossesBenchmark {

    /** The MLP's output, an ImageNet-sized one, and rows of 1024 at the elementwise sizes (1K, 64K, 16M floats). */
    @Param({"128x10", "1024x1000", "1x1024", "64x1024", "16384x1024"})
    String batch;

    @Param({"softmax_ce", "mse", "bce", "hinge"})
    String loss;

    @Param({"scalar", "simd"})
    String provider;

    private OffHeap memory;
    private Kernels kernels;
    private F32Matrix logits;
    private F32Matrix target;
    private F32Matrix grad;
    private int[] labels;
    private long bytesPerCall;

    @Setup(Level.Trial)
    public void setUp() {
        String[] p = batch.split("x");
        int rows = Integer.parseInt(p[0]);
        int cols = Integer.parseInt(p[1]);
        kernels = ProviderParam.kernels(provider);
        memory = OffHeap.confined();
        logits = memory.f32Matrix(rows, cols);
        target = memory.f32Matrix(rows, cols);
        grad = memory.f32Matrix(rows, cols);
        labels = new int[rows];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < rows; i++) {
            labels[i] = r.nextInt(cols);
            for (int j = 0; j < cols; j++) {
                logits.set(i, j, (float) (r.nextDouble() * 8 - 4));
                // Targets in [0, 1] for MSE and BCE, in {-1, +1} for hinge.
                target.set(i, j, "hinge".equals(loss) ? (r.nextBoolean() ? 1f : -1f) : (float) r.nextDouble());
            }
        }
        long elements = (long) rows * cols;
        bytesPerCall = ("softmax_ce".equals(loss) ? 2 : 3) * elements * Float.BYTES;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        memory.close();
    }

    @Benchmark
    public double loss(ByteCount counter) {
        counter.bytes += bytesPerCall;
        return switch (loss) {
            case "mse" -> kernels.mseLoss(grad, logits, target);
            case "bce" -> kernels.bceWithLogitsLoss(grad, logits, target);
            case "hinge" -> kernels.hingeLoss(grad, logits, target, 1f);
            case "softmax_ce" -> kernels.softmaxCrossEntropyLoss(grad, logits, labels);
            default -> throw new IllegalArgumentException("loss " + loss);
        };
    }
}
