package dev.rosenblatt.bench.jmh;

import dev.rosenblatt.bench.baseline.PlainLoops;
import dev.rosenblatt.kernels.KernelProviders;
import dev.rosenblatt.kernels.memory.F32Matrix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

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
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        KernelProviders.TIER3_DELAY_ON_FLAG,
        KernelProviders.NO_PROFILED_LOOP_PREDICATE_FLAG})
public class MathBaselineBenchmark extends BaselineInputs {

    /** Baseline: out[i] = (float) Math.exp(in[i]). */
    @Benchmark
    public F32Matrix mathExpLoop() {
        PlainLoops.mathLoop(out.segment(), out.offset(), in.segment(), in.offset(), size, false);
        return out;
    }

    /** Baseline: out[i] = (float) Math.tanh(in[i]). */
    @Benchmark
    public F32Matrix mathTanhLoop() {
        PlainLoops.mathLoop(out.segment(), out.offset(), in.segment(), in.offset(), size, true);
        return out;
    }
}
