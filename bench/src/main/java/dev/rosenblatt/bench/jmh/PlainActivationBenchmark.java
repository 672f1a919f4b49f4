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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The other reading of the elementwise goals' baseline: each activation's textbook loop ({@link PlainLoops}) on
 * the same inputs as {@link ActivationsBenchmark}, to set beside that benchmark's kernel of the same name.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        KernelProviders.TIER3_DELAY_ON_FLAG,
        KernelProviders.NO_PROFILED_LOOP_PREDICATE_FLAG})
public class PlainActivationBenchmark extends BaselineInputs {

    @Param({"sigmoid", "tanh", "silu", "gelu_tanh", "gelu_erf"})
    String function;

    @Benchmark
    public F32Matrix plainLoop() {
        PlainLoops.plainLoop(function, out.segment(), out.offset(), in.segment(), in.offset(), size);
        return out;
    }
}
