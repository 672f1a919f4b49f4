package dev.rosenblatt.bench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bench jmh [JMH options]}: runs the JMH suite of this module with JMH's own command line (the launcher's
 * classpath holds the benchmarks and JMH; forks inherit it). For example {@code bench jmh GemmBenchmark -p
 * threads=1 -rf json -rff gemm.json}, or {@code bench jmh -h} for JMH's options.
 */
@Command(name = "jmh",
        description = "Run the JMH benchmarks; every argument goes to JMH (try: bench jmh -h, bench jmh -l).")
public final class JmhBenchCommand implements BenchCommand.BenchSubcommand, Callable<Integer> {

    /** Everything after {@code jmh}, in order, options included: JMH parses it. */
    @Unmatched
    List<String> jmhArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        // JMH's Main calls System.exit itself on errors and after listing; otherwise it returns after the run.
        org.openjdk.jmh.Main.main(jmhArgs.toArray(String[]::new));
        return 0;
    }
}
