package dev.rosenblatt.bench.jmh;

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

import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The baselines of the elementwise speed goals: plain loops over Math.exp and Math.tanh, rounded to float, on the
 * same inputs as {@link ActivationsBenchmark} (uniform in [-8, 8]). Parameterised by size only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class MathBaselineBenchmark {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    @Param({"1024", "65536", "1048576", "16777216"})
    int size;

    private OffHeap memory;
    private F32Matrix in;
    private F32Matrix out;

    @Setup(Level.Trial)
    public void setUp() {
        memory = OffHeap.confined();
        in = memory.f32Matrix(1, size);
        out = memory.f32Matrix(1, size);
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < size; i++) {
            in.set(0, i, (float) (r.nextDouble() * 16 - 8));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        memory.close();
    }

    /** Baseline: out[i] = (float) Math.exp(in[i]). */
    @Benchmark
    public F32Matrix mathExpLoop() {
        for (int i = 0; i < size; i++) {
            out.segment().setAtIndex(F32, i, (float) Math.exp(in.segment().getAtIndex(F32, i)));
        }
        return out;
    }

    /** Baseline: out[i] = (float) Math.tanh(in[i]). */
    @Benchmark
    public F32Matrix mathTanhLoop() {
        for (int i = 0; i < size; i++) {
            out.segment().setAtIndex(F32, i, (float) Math.tanh(in.segment().getAtIndex(F32, i)));
        }
        return out;
    }
}
