package dev.rosenblatt.bench.jmh;

import dev.rosenblatt.kernels.KernelProviders;
import dev.rosenblatt.kernels.Kernels;
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
 * The vector reductions (sum, squared norm, max, dot) and axpy, at the elementwise sizes (1K, 64K, 1M, 16M floats).
 * Scalar and SIMD run in separate forks. Throughput mode, so that the {@code bytes} counter is a rate: / 1e9 is GB/s
 * (sum, sumsq and max read one vector, dot two; axpy reads two and writes one).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        KernelProviders.TIER3_DELAY_ON_FLAG,
        KernelProviders.NO_PROFILED_LOOP_PREDICATE_FLAG})
public class ReductionsBenchmark {

    @Param({"1024", "65536", "1048576", "16777216"})
    int size;

    @Param({"sum", "sumsq", "max", "dot", "axpy"})
    String reduction;

    @Param({"scalar", "simd"})
    String provider;

    private OffHeap memory;
    private Kernels kernels;
    private F32Vector x;
    private F32Vector y;
    private long bytesPerCall;

    @Setup(Level.Trial)
    public void setUp() {
        kernels = ProviderParam.kernels(provider);
        memory = OffHeap.confined();
        x = memory.f32Vector(size);
        y = memory.f32Vector(size);
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < size; i++) {
            x.set(i, (float) (r.nextDouble() - 0.5));
            y.set(i, (float) (r.nextDouble() - 0.5));
        }
        int vectors = switch (reduction) {
            case "sum", "sumsq", "max" -> 1;
            case "dot" -> 2;
            case "axpy" -> 3;
            default -> throw new IllegalArgumentException("reduction " + reduction);
        };
        bytesPerCall = (long) vectors * size * Float.BYTES;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        memory.close();
    }

    @Benchmark
    public float reduce(ByteCount counter) {
        counter.bytes += bytesPerCall;
        return switch (reduction) {
            case "sum" -> kernels.sum(x);
            case "sumsq" -> kernels.sumSquares(x);
            case "max" -> kernels.max(x);
            case "dot" -> kernels.dot(x, y);
            case "axpy" -> {
                // y += a x with a tiny a: y stays bounded over millions of calls; the work does not depend on it.
                kernels.axpy(1e-9f, x, y);
                yield y.get(0);
            }
            default -> throw new IllegalArgumentException("reduction " + reduction);
        };
    }
}
