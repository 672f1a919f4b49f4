package dev.rosenblatt.bench.jmh;

import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.OffHeap;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.SplittableRandom;

/**
 * The inputs of the plain-loop baselines ({@link MathBaselineBenchmark}, {@link PlainActivationBenchmark}): the same
 * as {@link ActivationsBenchmark}'s, uniform in [-8, 8], at the same sizes.
 */
@State(Scope.Benchmark)
public abstract class BaselineInputs {

    @Param({"1024", "65536", "1048576", "16777216"})
    int size;

    OffHeap memory;
    F32Matrix in;
    F32Matrix out;

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
}
