package dev.rosenblatt.bench.cli;

import dev.rosenblatt.bench.jmh.GemmPeersBenchmark;
import dev.rosenblatt.bench.peers.OpenBlas;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code bench jmh [--quick] [JMH options]}: runs the JMH suite of this module with JMH's own command line (the
 * launcher's classpath holds the benchmarks and JMH; forks inherit it). For example {@code bench jmh GemmBenchmark
 * -p threads=1 -rf json -rff gemm.json}, or {@code bench jmh -h} for JMH's options.
 *
 * <p>{@code --quick} adds {@link #QUICK_OPTIONS} and {@link #QUICK_PARAMS} (short iterations, one fork, a
 * parameter subset covering every benchmark class) for any option or parameter the user did not give: JMH rejects
 * a repeated iteration option and would take the union of repeated {@code -p} values. Five measured iterations,
 * because with fewer the Mann-Whitney test of {@code bench compare} cannot reach p < 0.01.
 */
@Command(name = "jmh",
        description = "Run the JMH benchmarks; every argument but --quick goes to JMH (try: bench jmh -h, bench jmh -l).")
public final class JmhBenchCommand implements BenchCommand.BenchSubcommand, Callable<Integer> {

    /** JMH options of the quick profile (flag, value). */
    static final Map<String, String> QUICK_OPTIONS = ordered("-wi", "1", "-i", "5", "-w", "500ms", "-r", "500ms",
            "-f", "1");

    /**
     * Parameter subset of the quick profile: the MLP's GEMM shapes (its 10-output layer included) plus a cube in TT,
     * one thread, mid sizes.
     */
    static final Map<String, String> QUICK_PARAMS = ordered(
            "shape", "128 256 784 NN,784 256 128 TN,128 784 256 NT,512 512 512 TT,128 10 128 NN",
            "threads", "1",
            "size", "65536",
            "op", "sigmoid,relu",
            "function", "sigmoid",
            "batch", "128x10,1024x1000",
            "loss", "softmax_ce",
            "parameters", "235146,1800000",
            "update", "sgd,adam",
            "reduction", "sum,max",
            "matrix", "128x10,1024x1024",
            "kernel", "softmax,bias_backward");

    @Option(names = "--quick", description = "Quick profile (finishes within 10 minutes on 2 cores): "
            + "-wi 1 -i 5 -w 500ms -r 500ms -f 1 and a parameter subset, for options not given.")
    boolean quick;

    /** Everything after {@code jmh} but {@code --quick}, in order, options included: JMH parses it. */
    @Unmatched
    List<String> jmhArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<String> args = jmhArguments(jmhArgs, quick, OpenBlas.isAvailable());
        if (!OpenBlas.isAvailable() && !givenParams(jmhArgs).contains("peer")) {
            System.err.println("bench jmh: skipping the OpenBLAS peers: " + OpenBlas.unavailableReason().orElse(""));
        }
        if (quick) {
            System.err.println("bench jmh --quick: " + String.join(" ", args));
        }
        // JMH's Main calls System.exit itself on errors and after listing; otherwise it returns after the run.
        org.openjdk.jmh.Main.main(args.toArray(String[]::new));
        return 0;
    }

    /** The arguments JMH gets: the user's, then the quick profile's and the peer filter where the user gave none. */
    static List<String> jmhArguments(List<String> user, boolean quick, boolean openBlas) {
        List<String> args = new ArrayList<>(user);
        List<String> givenParams = givenParams(user);
        if (quick) {
            QUICK_OPTIONS.forEach((flag, value) -> {
                if (!user.contains(flag)) {
                    args.add(flag);
                    args.add(value);
                }
            });
            QUICK_PARAMS.forEach((name, values) -> {
                if (!givenParams.contains(name)) {
                    args.add("-p");
                    args.add(name + "=" + values);
                }
            });
        }
        if (!openBlas && !givenParams.contains("peer")) {
            args.add("-p");
            args.add("peer=" + Arrays.stream(GemmPeersBenchmark.PEERS).filter(p -> !p.startsWith("openblas"))
                    .collect(Collectors.joining(",")));
        }
        return args;
    }

    /** Names of the parameters given with {@code -p name=values}. */
    private static List<String> givenParams(List<String> user) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i + 1 < user.size(); i++) {
            if (user.get(i).equals("-p")) {
                names.add(user.get(i + 1).split("=", 2)[0]);
            }
        }
        return names;
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
