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
 * Every optimizer update in place over one contiguous parameter block: the elementwise sizes of the other kernels
 * (1K, 64K, 1M, 16M), the 784-256-128-10 MLP (235,146 parameters, cache-resident) and a 1.8M-parameter one (beyond
 * L2, bandwidth-bound). Scalar and SIMD run in separate forks. Throughput mode, so that the {@code bytes} counter is
 * a rate: / 1e9 is GB/s. SGD reads p and g and writes p (12 bytes a parameter); Adam reads p, g, m, v and writes
 * p, m, v (28 bytes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        KernelProviders.TIER3_DELAY_ON_FLAG,
        KernelProviders.NO_PROFILED_LOOP_PREDICATE_FLAG})
public class OptimizerBenchmark {

    @Param({"1024", "65536", "235146", "1048576", "1800000", "16777216"})
    int parameters;

    @Param({"sgd", "momentum", "nesterov", "adam", "adamw", "l2", "clip"})
    String update;

    @Param({"scalar", "simd"})
    String provider;

    private OffHeap memory;
    private Kernels kernels;
    private F32Vector p;
    private F32Vector g;
    private F32Vector m;
    private F32Vector v;
    private long step;
    private double clipTo;
    private long bytesPerCall;

    @Setup(Level.Trial)
    public void setUp() {
        kernels = ProviderParam.kernels(provider);
        memory = OffHeap.confined();
        p = memory.f32Vector(parameters);
        g = memory.f32Vector(parameters);
        m = memory.f32Vector(parameters);
        v = memory.f32Vector(parameters);
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < parameters; i++) {
            p.set(i, (float) (r.nextDouble() - 0.5));
            g.set(i, (float) ((r.nextDouble() - 0.5) * 1e-3));
        }
        // Per element: SGD, L2 decay and clipping (a norm pass, then a scaling pass) move 3 floats, momentum 5 (the
        // velocity read and written), Adam 7.
        int floats = switch (update) {
            case "adam", "adamw" -> 7;
            case "momentum", "nesterov" -> 5;
            case "sgd", "l2", "clip" -> 3;
            default -> throw new IllegalArgumentException("update " + update);
        };
        bytesPerCall = (long) floats * parameters * Float.BYTES;
        clipTo = Math.sqrt(kernels.sumSquares(g));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        memory.close();
    }

    @Benchmark
    public F32Vector update(ByteCount counter) {
        // A tiny rate keeps the parameters finite over millions of calls; the work does not depend on the values.
        switch (update) {
            case "adam" -> kernels.adamUpdate(p, g, m, v, 1e-9f, 0.9f, 0.999f, 1e-8f, ++step);
            case "adamw" -> kernels.adamWUpdate(p, g, m, v, 1e-9f, 0.9f, 0.999f, 1e-8f, 0.01f, ++step);
            case "momentum" -> kernels.momentumUpdate(p, g, m, 1e-9f, 0.9f, false);
            case "nesterov" -> kernels.momentumUpdate(p, g, m, 1e-9f, 0.9f, true);
            case "l2" -> kernels.l2WeightDecay(g, p, 1e-9f);
            case "clip" -> {
                // Always just over the limit, so every call scales; the norm shrinks by 1e-6 per call, which keeps
                // the gradients normal floats for far more calls than a benchmark makes.
                clipTo *= 0.999999;
                kernels.clipByGlobalNorm(clipTo, g);
            }
            case "sgd" -> kernels.sgdUpdate(p, g, 1e-9f);
            default -> throw new IllegalArgumentException("update " + update);
        }
        counter.bytes += bytesPerCall;
        return p;
    }
}
