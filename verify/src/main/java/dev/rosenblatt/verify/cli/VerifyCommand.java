package dev.rosenblatt.verify.cli;

import dev.rosenblatt.cli.RosenblattCommand;
import dev.rosenblatt.kernels.Activation;
import dev.rosenblatt.kernels.KernelProviders;
import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.simd.SimdSpecies;
import dev.rosenblatt.verify.harness.ExhaustiveSweep;
import dev.rosenblatt.verify.harness.Harness;
import dev.rosenblatt.verify.harness.Report;
import dev.rosenblatt.verify.harness.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ./rosenblatt verify}: measures every kernel against the commons-math3 references and prints a table;
 * exits 1 when any bound is broken. The SIMD width is fixed once per JVM, so each width runs in a child JVM (this
 * java, this class path, {@code -Drosenblatt.simd.bits=W}) that prints its rows as JSON lines, merged here.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Accuracy of every kernel against commons-math3 references in double; exits 1 on any FAIL.")
public final class VerifyCommand implements RosenblattCommand, Callable<Integer> {

    /** Prefix of the lines a child JVM prints for its rows. */
    static final String ROW_PREFIX = "ROW ";

    /** The unary functions the exhaustive sweep covers (exp is not exposed by the Kernels facade). */
    static final List<Activation> SWEPT = List.of(Activation.SIGMOID, Activation.TANH, Activation.SOFTPLUS,
            Activation.SILU, Activation.GELU_ERF, Activation.GELU_TANH);

    @Option(names = "--kernel", paramLabel = "NAME", split = ",",
            description = "Checks to run by name (sgemm, sigmoid, sigmoid_backward, adam, ...) or family "
                    + "(gradcheck_*, sigmoid*); all when omitted.")
    List<String> kernels = new ArrayList<>();

    @Option(names = "--provider", paramLabel = "scalar|simd", description = "Only this provider (default: both).")
    String provider;

    @Option(names = "--width", paramLabel = "128|256|512", split = ",",
            description = "SIMD widths in bits (default: 128, 256 and 512, those the machine has).")
    List<Integer> widths = new ArrayList<>();

    @Option(names = "--exhaustive", description = "Sweep all 2^32 float32 inputs of the unary functions "
            + "(sigmoid, tanh, softplus, silu, gelu_erf, gelu_tanh and their backward) instead of sampling.")
    boolean exhaustive;

    @Option(names = "--stride", paramLabel = "N", defaultValue = "1",
            description = "Exhaustive: sweep every N-th 64K chunk only, evenly over all binades (default 1: all).")
    long stride;

    @Option(names = "--threads", paramLabel = "N", description = "Exhaustive: worker threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--report", paramLabel = "FILE.md|FILE.json", description = "Also write the rows to a file.")
    Path report;

    @Option(names = "--child", hidden = true, description = "Run the SIMD provider in this JVM, print JSON rows.")
    boolean child;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        if (child) {
            int bits = SimdSpecies.BITS;
            runHere(Kernels.of(KernelProviders.simd()), "simd", bits,
                    row -> out.println(ROW_PREFIX + jsonLine(row)), out);
            return 0;
        }
        if (!exhaustive && Harness.select(kernels).isEmpty()) {
            System.err.println("verify: no check is named " + kernels + " (see the kernel column of a full run)");
            return 2;
        }
        List<Row> rows = new ArrayList<>();
        String which = provider == null ? "both" : provider.toLowerCase(Locale.ROOT);
        if (!which.equals("both") && !which.equals("scalar") && !which.equals("simd")) {
            System.err.println("verify: --provider is scalar or simd, not " + provider);
            return 2;
        }
        if (!which.equals("simd")) {
            runHere(Kernels.of(KernelProviders.scalar()), "scalar", 0, row -> progress(row), out);
            rows.addAll(collected);
        }
        if (!which.equals("scalar")) {
            List<Integer> ws = widths.isEmpty() ? defaultWidths() : widths;
            for (int w : ws) {
                if (w != 128 && w != 256 && w != 512) {
                    System.err.println("verify: --width is 128, 256 or 512, not " + w);
                    return 2;
                }
                List<Row> childRows = runChild(w, out);
                if (childRows == null) {
                    return 2;
                }
                rows.addAll(childRows);
            }
        }
        out.println();
        out.print(Report.table(rows));
        long failed = rows.stream().filter(r -> !r.pass()).count();
        out.println(rows.size() + " rows, " + failed + " FAIL");
        if (report != null) {
            Report.write(report, rows);
            out.println("report written to " + report);
        }
        return failed == 0 && !rows.isEmpty() ? 0 : 1;
    }

    private final List<Row> collected = new ArrayList<>();

    private void runHere(Kernels k, String providerName, int width, java.util.function.Consumer<Row> onRow,
                         PrintStream out) throws Exception {
        collected.clear();
        if (!exhaustive) {
            collected.addAll(Harness.run(k, providerName, width, kernels, onRow));
            return;
        }
        for (Activation op : SWEPT) {
            for (boolean derivative : new boolean[] {false, true}) {
                String name = op.label() + (derivative ? "_backward" : "");
                if (!kernels.isEmpty() && kernels.stream().noneMatch(n -> Harness.matches(name, n))) {
                    continue;
                }
                ExhaustiveSweep.Result r = ExhaustiveSweep.run(k, providerName, width, op, derivative, threads,
                        stride);
                printSweep(r, out);
                collected.add(r.row());
                onRow.accept(r.row());
            }
        }
    }

    private static void printSweep(ExhaustiveSweep.Result r, PrintStream out) {
        Row row = r.row();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "# %s %s%s: %d inputs (%d chunks of 64K) in %.1f s; ulp histogram:", row.kernel(), row.provider(),
                row.width() == 0 ? "" : " " + row.width(), row.inputs(), r.chunksSwept(), r.seconds()));
        for (int b = 0; b < r.histogram().length; b++) {
            if (r.histogram()[b] > 0) {
                s.append(' ').append(ExhaustiveSweep.BUCKETS[b]).append(": ").append(r.histogram()[b]);
            }
        }
        out.println(s);
        for (String w : r.worst()) {
            out.println("#   worst " + w);
        }
        out.flush();
    }

    private static void progress(Row row) {
        System.err.printf(Locale.ROOT, "verify: %-28s %-6s %5s %s%n", row.kernel(), row.provider(),
                row.width() == 0 ? "-" : row.width(), row.pass() ? "PASS" : "FAIL");
    }

    private static List<Integer> defaultWidths() {
        List<Integer> out = new ArrayList<>();
        for (int w : new int[] {128, 256, 512}) {
            if (w <= SimdSpecies.preferredBits()) {
                out.add(w);
            }
        }
        return out;
    }

    /** Runs this command with --child in a JVM whose SIMD width is w; its rows come back as JSON lines. */
    private List<Row> runChild(int w, PrintStream out) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", KernelProviders.TIER3_DELAY_ON_FLAG,
                KernelProviders.NO_PROFILED_LOOP_PREDICATE_FLAG,
                "-Drosenblatt.simd.bits=" + w, "-cp",
                System.getProperty("java.class.path"), VerifyChild.class.getName(), "--child",
                "--stride", Long.toString(stride), "--threads", Integer.toString(threads)));
        if (exhaustive) {
            cmd.add("--exhaustive");
        }
        for (String k : kernels) {
            cmd.add("--kernel");
            cmd.add(k);
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(ROW_PREFIX)) {
                    Row row = Report.parseLine(line.substring(ROW_PREFIX.length()));
                    if (row.width() != w) {
                        System.err.println("verify: asked for " + w + "-bit SIMD, the child JVM ran " + row.width());
                    }
                    rows.add(row);
                    progress(row);
                } else {
                    out.println(line);
                }
            }
        }
        int rc = p.waitFor();
        if (rc != 0) {
            System.err.println("verify: the " + w + "-bit child JVM exited with " + rc);
            return null;
        }
        return rows;
    }

    private static String jsonLine(Row row) {
        try {
            return Report.jsonLine(row);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
