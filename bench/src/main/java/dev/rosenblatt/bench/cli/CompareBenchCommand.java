package dev.rosenblatt.bench.cli;

import dev.rosenblatt.bench.compare.BenchmarkComparison;
import dev.rosenblatt.bench.compare.ComparisonChart;
import dev.rosenblatt.bench.compare.JmhResult;
import dev.rosenblatt.bench.compare.JmhResultFile;
import dev.rosenblatt.bench.compare.ResultComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code bench compare BASELINE.json CURRENT.json}: the regression gate. For each benchmark in both JMH result
 * files it prints the median change, its confidence interval and the Mann-Whitney U p-value, and flags a
 * regression when the change is significant and worse than the threshold. Exit code 0: no regression; 1: at least
 * one; 2: a file could not be read.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare two JMH JSON result files (-rf json); exits 1 when any benchmark regressed.")
public final class CompareBenchCommand implements BenchCommand.BenchSubcommand, Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BASELINE.json")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CURRENT.json")
    Path current;

    @Option(names = "--alpha", defaultValue = "0.01",
            description = "Significance level of the Mann-Whitney U test (default ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--threshold", defaultValue = "0.05",
            description = "Smallest worsening of the median that counts, as a fraction (default ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Also draw the changes (and peers) as a PNG.")
    Path plot;

    @Option(names = "--ignore", paramLabel = "REGEX",
            description = "Benchmarks whose key (method {params}) contains a match are still compared and printed,"
                    + " but their verdict does not count for the exit code; repeatable. For the peers, which measure"
                    + " the environment: --ignore 'peer=(openblas|java_loop|commons_math3)'.")
    List<Pattern> ignore = new ArrayList<>();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<JmhResult> base;
        List<JmhResult> cur;
        try {
            base = JmhResultFile.read(baseline);
            cur = JmhResultFile.read(current);
        } catch (RuntimeException e) {
            err.println("bench compare: " + e.getMessage());
            return 2;
        }
        ResultComparison comparison = ResultComparison.of(base, cur, alpha, threshold);
        print(comparison, out);
        if (plot != null) {
            ComparisonChart.write(comparison, cur, plot);
            out.println("chart written to " + plot);
        }
        out.flush();
        return comparison.compared().stream().anyMatch(c -> c.regression() && !ignored(c)) ? 1 : 0;
    }

    private boolean ignored(BenchmarkComparison c) {
        return ignore.stream().anyMatch(p -> p.matcher(c.current().key()).find());
    }

    private void print(ResultComparison comparison, PrintWriter out) {
        int ci = (int) Math.round(100 * (1 - alpha));
        out.printf(Locale.ROOT, "%-10s %9s %21s %9s  %s%n", "verdict", "change", ci + "% CI", "p", "benchmark");
        int regressions = 0;
        int ignoredCount = 0;
        double smallest = 0;
        for (BenchmarkComparison c : comparison.compared()) {
            String verdict = c.regression() ? "REGRESSED" : c.pValue() < alpha && c.worsening() < -threshold
                    ? "improved" : "ok";
            boolean counted = !ignored(c);
            if (!counted) {
                verdict = "(" + verdict + ")";
                ignoredCount++;
            }
            regressions += c.regression() && counted ? 1 : 0;
            out.printf(Locale.ROOT, "%-10s %+8.2f%% [%+8.2f%%, %+8.2f%%] %9.2g  %s (%s, %s)%n", verdict,
                    100 * c.change(), 100 * c.ciLow(), 100 * c.ciHigh(), c.pValue(), c.current().key(),
                    c.current().mode(), c.current().unit());
            smallest = Math.max(smallest, BenchmarkComparison.smallestPossibleP(c.baseline().samples().length,
                    c.current().samples().length));
        }
        for (BenchmarkComparison c : comparison.acrossNewParameters()) {
            out.println("paired across a parameter added since the baseline: " + c.current().key() + " with "
                    + c.baseline().key());
        }
        for (JmhResult r : comparison.onlyBaseline()) {
            out.println("only in baseline: " + r.key());
        }
        for (JmhResult r : comparison.onlyCurrent()) {
            out.println("only in current:  " + r.key());
        }
        out.printf(Locale.ROOT, "%d compared, %d regressed (p < %s and worse by more than %.1f%%), %d only in"
                        + " baseline, %d only in current%n", comparison.compared().size(), regressions, alpha,
                100 * threshold, comparison.onlyBaseline().size(), comparison.onlyCurrent().size());
        if (ignoredCount > 0) {
            out.printf(Locale.ROOT, "%d ignored (--ignore; their verdicts in brackets, not counted)%n", ignoredCount);
        }
        if (smallest >= alpha) {
            // The test cannot flag anything with so few samples: say so rather than pass silently.
            out.printf(Locale.ROOT, "note: some benchmarks have too few samples to reach p < %s (smallest possible"
                    + " p %.3f); measure at least 5 iterations a side%n", alpha, smallest);
        }
    }
}
