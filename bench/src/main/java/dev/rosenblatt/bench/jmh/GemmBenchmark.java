package dev.rosenblatt.bench.jmh;

import dev.rosenblatt.kernels.KernelProviders;
import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.Transpose;
import dev.rosenblatt.kernels.memory.OffHeap;
import org.openjdk.jmh.annotations.AuxCounters;
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

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * sgemm and dgemm on the square sizes and the training shapes of a 784-256-128-10 network at batch 128, on 1 and
 * 2 threads. The {@code flops} counter is floating-point operations per second (2 m n k per call): divide by 1e9
 * for GFLOP/s. Each parameter combination runs in its own fork, so providers never share a JIT profile.
 *
 * <p>Shapes are "m n k TRANS": forward 128x784 * 784x256 and 128x256 * 256x128; backward dW = (128x784)^T *
 * (128x256), i.e. m 784, n 256, k 128, TN; dX = (128x256) * (784x256)^T, i.e. m 128, n 784, k 256, NT. The
 * 512 cube runs in all four transposes. Then the edges: the network's 10-output layer (128x10x128), one sample
 * through its first layer (1x256x784), and a size that is no multiple of the tile (100^3). float64:
 * {@code -p dtype=f64}.
 * The scalar twin is far too slow for the big shapes: run it with {@code -p provider=scalar -p shape="128 128 128 NN"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        KernelProviders.TIER3_DELAY_ON_FLAG,
        KernelProviders.NO_PROFILED_LOOP_PREDICATE_FLAG})
public class GemmBenchmark {

    @Param({"64 64 64 NN", "128 128 128 NN", "256 256 256 NN", "512 512 512 NN", "1024 1024 1024 NN",
            "2048 2048 2048 NN", "128 256 784 NN", "128 128 256 NN", "784 256 128 TN", "128 784 256 NT",
            "512 512 512 NT", "512 512 512 TN", "512 512 512 TT", "128 10 128 NN", "1 256 784 NN", "100 100 100 NN"})
    String shape;

    @Param({"1", "2"})
    int threads;

    @Param({"simd"})
    String provider;

    @Param({"f32"})
    String dtype;

    private OffHeap memory;
    private Kernels kernels;
    private int m;
    private int n;
    private int k;
    private Transpose ta;
    private Transpose tb;
    private MemorySegment a;
    private MemorySegment b;
    private MemorySegment c;
    private long flopsPerCall;

    /** Floating-point operations done, reported by JMH as a rate beside the calls per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        public long flops;
    }

    @Setup(Level.Trial)
    public void setUp() {
        String[] p = shape.trim().split("\\s+");
        m = Integer.parseInt(p[0]);
        n = Integer.parseInt(p[1]);
        k = Integer.parseInt(p[2]);
        Transpose[] ops = Transpose.pair(p.length > 3 ? p[3] : "NN");
        ta = ops[0];
        tb = ops[1];
        kernels = Kernels.of("scalar".equals(provider) ? KernelProviders.scalar() : KernelProviders.simd());
        int bytes = "f64".equals(dtype) ? Double.BYTES : Float.BYTES;
        memory = OffHeap.shared();
        SplittableRandom random = new SplittableRandom(1);
        a = fill(memory.allocate((long) m * k * bytes), random, bytes);
        b = fill(memory.allocate((long) k * n * bytes), random, bytes);
        c = memory.allocate((long) m * n * bytes);
        flopsPerCall = 2L * m * n * k;
    }

    private static MemorySegment fill(MemorySegment s, SplittableRandom random, int bytes) {
        for (long i = 0; i < s.byteSize() / bytes; i++) {
            if (bytes == Double.BYTES) {
                s.setAtIndex(ValueLayout.JAVA_DOUBLE, i, random.nextDouble() * 2 - 1);
            } else {
                s.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) (random.nextDouble() * 2 - 1));
            }
        }
        return s;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        memory.close();
    }

    @Benchmark
    public MemorySegment gemm(Flops counter) {
        long lda = ta == Transpose.N ? k : m;
        long ldb = tb == Transpose.N ? n : k;
        if ("f64".equals(dtype)) {
            kernels.dgemm(ta, tb, m, n, k, 1.0, a, 0, lda, b, 0, ldb, 0.0, c, 0, n, threads);
        } else {
            kernels.sgemm(ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n, threads);
        }
        counter.flops += flopsPerCall;
        return c;
    }
}
