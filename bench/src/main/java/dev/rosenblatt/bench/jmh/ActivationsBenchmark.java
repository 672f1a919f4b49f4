package dev.rosenblatt.bench.jmh;

import dev.rosenblatt.kernels.Activation;
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

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Every activation, forward and backward (dIn += dOut * f'(in)). Every parameter combination runs in its own fork
 * (JMH's default), so scalar and SIMD
 * never share a JIT profile. The plain Math.exp / Math.tanh loops the speed goals compare with are in
 * {@link MathBaselineBenchmark}, parameterised by size only. Run: java --add-modules jdk.incubator.vector -cp
 * "bench/target/rosenblatt-bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/launcher.classpath)" org.openjdk.jmh.Main
 * "ActivationsBenchmark|MathBaselineBenchmark" -p size=65536 -p op=sigmoid -p provider=simd.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        KernelProviders.TIER3_DELAY_ON_FLAG,
        KernelProviders.NO_PROFILED_LOOP_PREDICATE_FLAG})
public class ActivationsBenchmark {

    @Param({"1024", "65536", "1048576", "16777216"})
    int size;

    @Param({"scalar", "simd"})
    String provider;

    @Param({"sigmoid", "tanh", "gelu_tanh", "gelu_erf", "silu", "relu", "identity", "step", "leaky_relu", "elu",
            "softplus"})
    String op;

    private OffHeap memory;
    private F32Matrix in;
    private F32Matrix out;
    private F32Matrix dOut;
    private Kernels kernels;
    private Activation activation;

    @Setup(Level.Trial)
    public void setUp() {
        kernels = ProviderParam.kernels(provider);
        activation = Activation.valueOf(op.toUpperCase(Locale.ROOT));
        memory = OffHeap.confined();
        in = memory.f32Matrix(1, size);
        out = memory.f32Matrix(1, size);
        dOut = memory.f32Matrix(1, size);
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < size; i++) {
            in.set(0, i, (float) (r.nextDouble() * 16 - 8));
            dOut.set(0, i, (float) (r.nextDouble() - 0.5));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        memory.close();
    }

    @Benchmark
    public F32Matrix forward() {
        kernels.activationForward(activation, 0.01f, out, in);
        return out;
    }

    /**
     * dIn += dOut * f'(in), dIn being {@code out}: reads three arrays, writes one. dOut is below 0.5 and every f' of
     * these activations is at most about 1.1, so dIn stays finite over any run.
     */
    @Benchmark
    public F32Matrix backward() {
        kernels.activationBackward(activation, 0.01f, out, dOut, in);
        return out;
    }
}
