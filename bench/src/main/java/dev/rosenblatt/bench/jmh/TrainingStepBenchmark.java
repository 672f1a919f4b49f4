package dev.rosenblatt.bench.jmh;

import dev.rosenblatt.kernels.Activation;
import dev.rosenblatt.kernels.KernelProviders;
import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.nn.model.Architecture;
import dev.rosenblatt.nn.model.Loss;
import dev.rosenblatt.nn.model.Network;
import dev.rosenblatt.nn.model.Precision;
import dev.rosenblatt.nn.train.Schedule;
import dev.rosenblatt.nn.train.Trainer;
import dev.rosenblatt.nn.train.TrainingConfig;
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

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One whole training step of a ReLU MLP at batch 128 (forward, softmax cross-entropy, backward, SGD update): the
 * issue's 784-256-128-10 and the wide 784-1024-1024-10, on 1 and 2 threads, scalar and SIMD in separate forks. The
 * {@code samples} counter is training samples per second. One random batch is reused: the work of a step does not
 * depend on the data. The wide net is here because its shapes (a 1024 x 1024 transposed B) once hit a packing
 * method that C1 could not compile, which cost 40% of its speed and none of the small net's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        KernelProviders.TIER3_DELAY_ON_FLAG,
        KernelProviders.NO_PROFILED_LOOP_PREDICATE_FLAG})
public class TrainingStepBenchmark {

    private static final int BATCH = 128;
    /**
     * Steps run in the trial's set-up, before JMH's own warm-up: the JIT takes 2-3 s of steps on 2 cores to compile
     * the whole training path, which the quick profile's warm-up (one iteration of 0.5 s) did not cover. Its five
     * measured iterations climbed from 12 to 746 steps/s (2026-11-26), so the regression gate compared JIT warm-up.
     */
    private static final long SET_UP_WARM_UP_NANOS = 3_000_000_000L;

    @Param({"1", "2"})
    int threads;

    @Param({"scalar", "simd"})
    String provider;

    /** Hidden layer widths, separated by dashes (JMH splits -p values at commas). */
    @Param({"256-128", "1024-1024"})
    String hidden;

    /** The recipe is plain SGD; {@code -p optimizer=adam} measures the default of {@code train}. */
    @Param({"sgd"})
    String optimizer;

    private OffHeap memory;
    private Network net;
    private Trainer trainer;
    private F32Matrix batch;
    private int[] labels;

    /** Training samples processed, reported by JMH as samples per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Samples {
        public long samples;
    }

    @Setup(Level.Trial)
    public void setUp() {
        Kernels kernels = ProviderParam.kernels(provider);
        memory = OffHeap.shared();
        int[] widths = Arrays.stream(hidden.split("-")).mapToInt(Integer::parseInt).toArray();
        net = new Network(Architecture.mlp(784, widths, Activation.RELU, 10,
                Loss.SOFTMAX_CROSS_ENTROPY), Precision.FLOAT32, BATCH, kernels);
        net.initialize(null, 1);
        trainer = new Trainer(net, kernels, new TrainingConfig(1, BATCH, optimizer, 0.01f, new Schedule.Constant(), 0f,
                threads, 1, 0));
        batch = memory.f32Matrix(BATCH, 784);
        labels = new int[BATCH];
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < BATCH; i++) {
            labels[i] = r.nextInt(10);
            for (int j = 0; j < 784; j++) {
                batch.set(i, j, (float) r.nextDouble());
            }
        }
        for (long end = System.nanoTime() + SET_UP_WARM_UP_NANOS; System.nanoTime() < end; ) {
            trainer.step(batch, labels, 0.01f);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        trainer.close();
        net.close();
        memory.close();
    }

    @Benchmark
    public double step(Samples counter) {
        counter.samples += BATCH;
        return trainer.step(batch, labels, 0.01f);
    }
}
