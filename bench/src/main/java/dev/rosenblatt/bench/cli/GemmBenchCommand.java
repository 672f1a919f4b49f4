package dev.rosenblatt.bench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rosenblatt.bench.quick.QuickTimer;
import dev.rosenblatt.kernels.KernelProviders;
import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.Threads;
import dev.rosenblatt.kernels.Transpose;
import dev.rosenblatt.kernels.memory.OffHeap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/** {@code bench gemm}: GFLOP/s of one GEMM shape, median of repeated timed runs after a warm-up. */
@Command(name = "gemm", mixinStandardHelpOptions = true,
        description = "Time C := A B for one shape and print the median and best GFLOP/s (2 m n k flops per call).")
public final class GemmBenchCommand implements BenchCommand.BenchSubcommand, Callable<Integer> {

    @Option(names = "--m", required = true, description = "rows of op(A) and C")
    int m;

    @Option(names = "--n", required = true, description = "columns of op(B) and C")
    int n;

    @Option(names = "--k", required = true, description = "columns of op(A), rows of op(B)")
    int k;

    @Option(names = "--trans", defaultValue = "NN", description = "op(A) op(B): NN, NT, TN or TT (default ${DEFAULT-VALUE})")
    String trans;

    @Option(names = "--dtype", defaultValue = "f32", description = "f32 or f64 (default ${DEFAULT-VALUE})")
    String dtype;

    @Option(names = "--threads", description = "threads (default: the machine's cores)")
    Integer threads;

    @Option(names = "--runs", defaultValue = "15", description = "timed runs (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "1.0", description = "warm-up seconds (default ${DEFAULT-VALUE})")
    double warmup;

    @Option(names = "--provider", defaultValue = "preferred",
            description = "preferred, scalar or simd (default ${DEFAULT-VALUE})")
    String provider;

    @Option(names = "--json", description = "print one JSON object instead of a line of text")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (m < 1 || n < 1 || k < 1) {
            throw new IllegalArgumentException("--m, --n and --k must be at least 1, got " + m + ", " + n + ", " + k);
        }
        Transpose[] ops = Transpose.pair(trans);
        boolean f64 = switch (dtype) {
            case "f32" -> false;
            case "f64" -> true;
            default -> throw new IllegalArgumentException("--dtype " + dtype + ": expected f32 or f64");
        };
        int t = threads == null ? Threads.defaultCount() : threads;
        Kernels kernels = switch (provider) {
            case "preferred" -> Kernels.preferred();
            case "scalar" -> Kernels.of(KernelProviders.scalar());
            case "simd" -> Kernels.of(KernelProviders.simd());
            default -> throw new IllegalArgumentException("--provider " + provider + ": expected preferred, scalar or simd");
        };
        int bytes = f64 ? Double.BYTES : Float.BYTES;
        long lda = ops[0] == Transpose.N ? k : m;
        long ldb = ops[1] == Transpose.N ? n : k;
        double[] seconds;
        try (OffHeap memory = OffHeap.shared()) {
            MemorySegment a = random(memory, (long) m * k, bytes, 1);
            MemorySegment b = random(memory, (long) k * n, bytes, 2);
            MemorySegment c = memory.allocate((long) m * n * bytes);
            Runnable call = f64
                    ? () -> kernels.dgemm(ops[0], ops[1], m, n, k, 1.0, a, 0, lda, b, 0, ldb, 0.0, c, 0, n, t)
                    : () -> kernels.sgemm(ops[0], ops[1], m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n, t);
            // Small shapes run many calls per timed run, so that a run lasts about 20 ms.
            int calls = QuickTimer.callsPerRun(call, 0.02);
            Runnable batch = () -> {
                for (int i = 0; i < calls; i++) {
                    call.run();
                }
            };
            seconds = QuickTimer.time(batch, warmup, runs);
            for (int i = 0; i < seconds.length; i++) {
                seconds[i] /= calls;
            }
        }
        double flops = 2.0 * m * n * k;
        double median = flops / QuickTimer.median(seconds) / 1e9;
        double max = flops / QuickTimer.min(seconds) / 1e9;
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode o = mapper.createObjectNode();
            o.put("m", m).put("n", n).put("k", k).put("trans", trans.toUpperCase()).put("dtype", dtype)
                    .put("threads", t).put("provider", kernels.provider().describe())
                    .put("runs", runs).put("gflops_median", median).put("gflops_max", max)
                    .put("seconds_median", QuickTimer.median(seconds));
            spec.commandLine().getOut().println(mapper.writeValueAsString(o));
        } else {
            spec.commandLine().getOut().printf("gemm %s %s m=%d n=%d k=%d threads=%d %s: median %.1f GFLOP/s, "
                            + "best %.1f GFLOP/s (%d runs)%n", dtype, trans.toUpperCase(), m, n, k, t,
                    kernels.provider().describe(), median, max, runs);
        }
        return 0;
    }

    private static MemorySegment random(OffHeap memory, long elements, int bytes, long seed) {
        MemorySegment s = memory.allocate(elements * bytes);
        SplittableRandom random = new SplittableRandom(seed);
        for (long i = 0; i < elements; i++) {
            double v = random.nextDouble() * 2 - 1;
            if (bytes == Double.BYTES) {
                s.setAtIndex(ValueLayout.JAVA_DOUBLE, i, v);
            } else {
                s.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) v);
            }
        }
        return s;
    }
}
