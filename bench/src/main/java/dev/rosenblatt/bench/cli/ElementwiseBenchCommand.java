package dev.rosenblatt.bench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rosenblatt.bench.baseline.PlainLoops;
import dev.rosenblatt.bench.quick.QuickTimer;
import dev.rosenblatt.kernels.Activation;
import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.F32Vector;
import dev.rosenblatt.kernels.memory.OffHeap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code ./rosenblatt bench elementwise --op sigmoid --size 65536}: times one elementwise forward kernel on float32
 * inputs uniform in [-8, 8] and prints the median elements per second and GB/s, counting bytes read plus bytes
 * written (8 per element; 28 for {@code adam}, which reads p, g, m, v and writes p, m, v). {@code math_exp} and
 * {@code math_tanh} time plain loops over Math.exp / Math.tanh, the baselines the speed goals are stated against;
 * {@code plain_sigmoid}, {@code plain_tanh}, {@code plain_silu} and {@code plain_gelu_tanh} time the textbook loop of
 * that function over Math.exp or Math.tanh in double, rounded to float (the other reading of the goal: each function
 * against its own plain loop), and {@code plain_gelu_erf} the same over commons-math3's Erf.erf, since Java has no
 * Math.erf. (The textbook GELUs cancel to 0 below x of about -8, where ours keep their accuracy.)
 * {@code softmax} times softmax over rows of 1024; {@code adam} one Adam update of {@code size} parameters.
 * {@code --threads T} splits the elements into T contiguous slices run concurrently on a fixed pool.
 */
@Command(name = "elementwise", mixinStandardHelpOptions = true,
        description = "Quick benchmark of an elementwise kernel: elements/s and GB/s (bytes read + written).")
public final class ElementwiseBenchCommand implements BenchCommand.BenchSubcommand, Runnable {

    @Option(names = "--op", required = true, description = "An activation, softmax, adam, math_exp or math_tanh: "
            + "${COMPLETION-CANDIDATES}.", completionCandidates = OpNames.class)
    String op;

    @Option(names = "--size", required = true, description = "Number of elements.")
    int size;

    @Option(names = "--threads", defaultValue = "1", description = "Threads, each on a contiguous slice (default 1).")
    int threads;

    @Option(names = "--runs", defaultValue = "15", description = "Timed repetitions; the median is reported.")
    int runs;

    @Option(names = "--warmup", defaultValue = "1.0", description = "Warm-up seconds.")
    double warmup;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    static final class OpNames extends ArrayList<String> {
        OpNames() {
            for (Activation a : Activation.values()) {
                add(a.label());
            }
            add("softmax");
            add("adam");
            add("math_exp");
            add("math_tanh");
            for (String f : PlainLoops.FUNCTIONS) {
                add("plain_" + f);
            }
        }
    }

    @Override
    public void run() {
        if (size < 1 || threads < 1 || threads > size) {
            throw new IllegalArgumentException("--size and --threads must be positive, and --size at least --threads");
        }
        String name = op.toLowerCase(Locale.ROOT);
        if (!new OpNames().contains(name)) {
            throw new IllegalArgumentException("--op " + op + ": expected one of " + new OpNames());
        }
        Kernels kernels = Kernels.preferred();
        try (OffHeap memory = OffHeap.shared()) {
            F32Matrix in = memory.f32Matrix(1, size);
            F32Matrix out = memory.f32Matrix(1, size);
            SplittableRandom random = new SplittableRandom(1);
            for (int i = 0; i < size; i++) {
                in.set(0, i, (float) (random.nextDouble() * 16 - 8));
            }
            List<Runnable> slices = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = (int) ((long) size * t / threads);
                int to = (int) ((long) size * (t + 1) / threads);
                slices.add(slice(kernels, memory, name, out.view(0, from, 1, to - from),
                        in.view(0, from, 1, to - from)));
            }
            ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
            try {
                Runnable body = pool == null ? slices.get(0) : () -> runAll(pool, slices);
                int calls = QuickTimer.callsPerRun(body, 0.05);
                Runnable repeated = () -> {
                    for (int c = 0; c < calls; c++) {
                        body.run();
                    }
                };
                double[] seconds = QuickTimer.time(repeated, warmup, runs);
                double perCall = QuickTimer.median(seconds) / calls;
                report(name, kernels, perCall, QuickTimer.min(seconds) / calls);
            } finally {
                if (pool != null) {
                    pool.shutdownNow();
                }
            }
        }
    }

    private static void runAll(ExecutorService pool, List<Runnable> slices) {
        List<Future<?>> futures = new ArrayList<>();
        for (Runnable s : slices) {
            futures.add(pool.submit(s));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Runnable slice(Kernels kernels, OffHeap memory, String name, F32Matrix out, F32Matrix in) {
        switch (name) {
            case "adam": {
                int n = in.cols();
                F32Vector p = F32Vector.wrap(out.segment(), out.offset(), n, 1);
                F32Vector g = F32Vector.wrap(in.segment(), in.offset(), n, 1);
                F32Vector m = memory.f32Vector(n);
                F32Vector v = memory.f32Vector(n);
                return () -> kernels.adamUpdate(p, g, m, v, 1e-3f, 0.9f, 0.999f, 1e-8f, 10);
            }
            case "softmax": {
                int cols = Math.min(1024, in.cols());
                int rows = in.cols() / cols;
                F32Matrix o = F32Matrix.wrap(out.segment(), out.offset(), rows, cols, cols);
                F32Matrix x = F32Matrix.wrap(in.segment(), in.offset(), rows, cols, cols);
                return () -> kernels.softmaxForward(o, x);
            }
            case "math_exp":
                return () -> PlainLoops.mathLoop(out.segment(), out.offset(), in.segment(), in.offset(), in.cols(), false);
            case "math_tanh":
                return () -> PlainLoops.mathLoop(out.segment(), out.offset(), in.segment(), in.offset(), in.cols(), true);
            default: {
                if (name.startsWith("plain_")) {
                    String f = name.substring("plain_".length());
                    return () -> PlainLoops.plainLoop(f, out.segment(), out.offset(), in.segment(), in.offset(), in.cols());
                }
                Activation a = Activation.valueOf(name.toUpperCase(Locale.ROOT));
                float param = a == Activation.ELU ? 1f : 0.01f;
                return () -> kernels.activationForward(a, param, out, in);
            }
        }
    }

    private void report(String name, Kernels kernels, double seconds, double best) {
        double elementsPerS = size / seconds;
        double gbPerS = ("adam".equals(name) ? 28.0 : 8.0) * size / seconds / 1e9;
        String provider = name.startsWith("math_") || name.startsWith("plain_")
                ? "plain Java loop" : kernels.provider().describe();
        if (json) {
            ObjectNode node = new ObjectMapper().createObjectNode();
            node.put("op", name);
            node.put("size", size);
            node.put("threads", threads);
            node.put("provider", provider);
            node.put("elements_per_s", elementsPerS);
            node.put("gbytes_per_s", gbPerS);
            node.put("seconds_median", seconds);
            node.put("seconds_best", best);
            node.put("runs", runs);
            System.out.println(node.toString());
        } else {
            System.out.printf(Locale.ROOT, "%s, %d elements, %d thread(s), %s: %.3g elements/s, %.2f GB/s "
                    + "(median of %d runs; %.3g s per call)%n", name, size, threads, provider, elementsPerS, gbPerS,
                    runs, seconds);
        }
    }
}
