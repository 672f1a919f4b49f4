package dev.rosenblatt.bench.jmh;

import dev.rosenblatt.kernels.KernelProviders;
import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.F32Vector;
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
 * The kernels that work row by row: softmax and log-softmax with their backward, the bias row added to every row
 * and its gradient (column sums), and argmax per row. Shapes: the MLP's 128 x 10 output, then rows of 1024 at the
 * elementwise sizes (1K, 64K, 1M, 16M floats). Scalar and SIMD run in separate forks. Throughput mode, so that the
 * {@code bytes} counter is a rate: / 1e9 is GB/s (a forward reads one matrix and writes one; a backward accumulates,
 * dIn += ..., so it reads three and writes one; the bias row is added in place, one matrix read and written; the
 * bias gradient and argmax read the matrix once).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        KernelProviders.TIER3_DELAY_ON_FLAG,
        KernelProviders.NO_PROFILED_LOOP_PREDICATE_FLAG})
public class RowsBenchmark {

    @Param({"128x10", "1x1024", "64x1024", "1024x1024", "16384x1024"})
    String matrix;

    @Param({"softmax", "softmax_backward", "log_softmax", "log_softmax_backward", "bias", "bias_backward",
            "argmax"})
    String kernel;

    @Param({"scalar", "simd"})
    String provider;

    private OffHeap memory;
    private Kernels kernels;
    private F32Matrix in;
    private F32Matrix y;
    private F32Matrix out;
    private F32Vector bias;
    private int[] argmax;
    private long bytesPerCall;

    @Setup(Level.Trial)
    public void setUp() {
        String[] p = matrix.split("x");
        int rows = Integer.parseInt(p[0]);
        int cols = Integer.parseInt(p[1]);
        kernels = ProviderParam.kernels(provider);
        memory = OffHeap.confined();
        in = memory.f32Matrix(rows, cols);
        out = memory.f32Matrix(rows, cols);
        bias = memory.f32Vector(cols);
        argmax = new int[rows];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                in.set(i, j, (float) (r.nextDouble() * 8 - 4));
            }
        }
        for (int j = 0; j < cols; j++) {
            bias.set(j, (float) (r.nextDouble() * 1e-9));
        }
        // The backward kernels take the forward's output y, as the network keeps it.
        y = memory.f32Matrix(rows, cols);
        if (kernel.startsWith("log_softmax")) {
            kernels.logSoftmaxForward(y, in);
        } else {
            kernels.softmaxForward(y, in);
        }
        long bytes = (long) rows * cols * Float.BYTES;
        bytesPerCall = switch (kernel) {
            case "softmax_backward", "log_softmax_backward" -> 4 * bytes;
            case "bias_backward", "argmax" -> bytes;
            case "softmax", "log_softmax", "bias" -> 2 * bytes;
            default -> throw new IllegalArgumentException("kernel " + kernel);
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        memory.close();
    }

    @Benchmark
    public Object run(ByteCount counter) {
        counter.bytes += bytesPerCall;
        switch (kernel) {
            case "softmax" -> kernels.softmaxForward(out, in);
            // dIn += ...: out accumulates a bounded amount per call, so it stays finite over any run.
            case "softmax_backward" -> kernels.softmaxBackward(out, in, y);
            case "log_softmax" -> kernels.logSoftmaxForward(out, in);
            case "log_softmax_backward" -> kernels.logSoftmaxBackward(out, in, y);
            // In place on out, with a bias of about 1e-9: the values stay put over millions of calls.
            case "bias" -> kernels.biasForward(out, bias);
            // Accumulates column sums into the bias vector (dBias += sum of rows), as the kernel is specified.
            case "bias_backward" -> kernels.biasBackward(bias, in);
            case "argmax" -> {
                kernels.argmaxRows(argmax, in);
                return argmax;
            }
            default -> throw new IllegalArgumentException("kernel " + kernel);
        }
        return out;
    }
}
