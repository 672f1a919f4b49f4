package dev.rosenblatt.bench.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rosenblatt.bench.cli.CompareBenchCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gate on synthetic JMH result files: JSON shaped as JMH writes it, with raw iteration scores drawn from a
 * seeded distribution (2% noise, 2 forks of 5 iterations), so no benchmark runs and every outcome is repeatable.
 */
class CompareBenchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private Run compare(Path baseline, Path current, String... more) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new CompareBenchCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] args = new String[2 + more.length];
        args[0] = baseline.toString();
        args[1] = current.toString();
        System.arraycopy(more, 0, args, 2, more.length);
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** A benchmark entry: raw scores around {@code centre} with 2% Gaussian noise, each mapped by {@code shift}. */
    private static ObjectNode entry(String name, Map<String, String> params, String mode, String unit,
                                    double centre, long seed, DoubleUnaryOperator shift) {
        SplittableRandom random = new SplittableRandom(seed);
        ObjectNode node = JSON.createObjectNode();
        node.put("jmhVersion", "1.37");
        node.put("benchmark", "dev.rosenblatt.bench.jmh." + name);
        node.put("mode", mode);
        ObjectNode p = node.putObject("params");
        params.forEach(p::put);
        ObjectNode primary = node.putObject("primaryMetric");
        primary.put("scoreUnit", unit);
        ArrayNode raw = primary.putArray("rawData");
        double sum = 0;
        for (int fork = 0; fork < 2; fork++) {
            ArrayNode iterations = raw.addArray();
            for (int i = 0; i < 5; i++) {
                double v = shift.applyAsDouble(centre * (1 + 0.02 * random.nextGaussian()));
                iterations.add(v);
                sum += v;
            }
        }
        primary.put("score", sum / 10);
        node.putObject("secondaryMetrics");
        return node;
    }

    private Path write(String name, ObjectNode... entries) throws IOException {
        ArrayNode array = JSON.createArrayNode();
        for (ObjectNode e : entries) {
            array.add(e);
        }
        Path file = dir.resolve(name);
        JSON.writeValue(file.toFile(), array);
        return file;
    }

    private static ObjectNode gemm(long seed, DoubleUnaryOperator shift) {
        return entry("GemmBenchmark.gemm", Map.of("shape", "128 128 128 NN", "provider", "simd"), "thrpt",
                "ops/s", 25_000, seed, shift);
    }

    private static ObjectNode loss(long seed, DoubleUnaryOperator shift) {
        return entry("LossesBenchmark.loss", Map.of("batch", "128x10"), "avgt", "us/op", 1.5, seed, shift);
    }

    @Test
    void sameFileAgainstItselfPasses() throws IOException {
        Path file = write("a.json", gemm(1, x -> x), loss(2, x -> x));
        Run run = compare(file, file);
        assertEquals(0, run.exitCode(), run.out());
        assertFalse(run.out().contains("REGRESSED"), run.out());
        assertTrue(run.out().contains("2 compared, 0 regressed"), run.out());
    }

    @Test
    void twoSamplesOfOneDistributionPass() throws IOException {
        Path a = write("a.json", gemm(1, x -> x), loss(2, x -> x));
        Path b = write("b.json", gemm(11, x -> x), loss(12, x -> x));
        Run run = compare(a, b);
        assertEquals(0, run.exitCode(), run.out());
    }

    @Test
    void injectedTenPercentSlowdownIsFlagged() throws IOException {
        Path a = write("a.json", gemm(1, x -> x), loss(2, x -> x));
        // Throughput 10% lower: a slowdown in ops/s.
        Path b = write("b.json", gemm(11, x -> x * 0.9), loss(12, x -> x));
        Run run = compare(a, b, "--plot", dir.resolve("chart.png").toString());
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("REGRESSED") && l.contains("GemmBenchmark")),
                run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("ok") && l.contains("LossesBenchmark")), run.out());
        assertTrue(Files.size(dir.resolve("chart.png")) > 0, "a chart is written even when the gate fails");
    }

    @Test
    void directionFollowsTheMode() throws IOException {
        Path a = write("a.json", gemm(1, x -> x), loss(2, x -> x));
        // Time 10% higher is a slowdown; throughput 10% higher is a speed-up.
        Run slower = compare(a, write("b.json", gemm(11, x -> x * 1.1), loss(12, x -> x * 1.1)));
        assertEquals(1, slower.exitCode(), slower.out());
        assertTrue(slower.out().lines().anyMatch(l -> l.startsWith("REGRESSED") && l.contains("LossesBenchmark")),
                slower.out());
        assertTrue(slower.out().lines().anyMatch(l -> l.startsWith("improved") && l.contains("GemmBenchmark")),
                slower.out());
        Run faster = compare(a, write("c.json", gemm(11, x -> x), loss(12, x -> x * 0.9)));
        assertEquals(0, faster.exitCode(), faster.out());
    }

    @Test
    void ignoredBenchmarksArePrintedButDoNotFailTheGate() throws IOException {
        Path a = write("a.json", peer(1, x -> x), loss(2, x -> x));
        Path b = write("b.json", peer(11, x -> x * 0.7), loss(12, x -> x));
        assertEquals(1, compare(a, b).exitCode(), "without --ignore the peer's slowdown fails the gate");
        Run run = compare(a, b, "--ignore", "peer=(openblas|java_loop)");
        assertEquals(0, run.exitCode(), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("(REGRESSED)") && l.contains("peer=openblas")),
                run.out());
        assertTrue(run.out().contains("0 regressed") && run.out().contains("1 ignored"), run.out());
        // An ignored pattern that matches nothing leaves a real regression counted.
        Path c = write("c.json", peer(11, x -> x), loss(12, x -> x * 1.2));
        assertEquals(1, compare(a, c, "--ignore", "peer=openblas").exitCode());
    }

    private static ObjectNode peer(long seed, DoubleUnaryOperator shift) {
        return entry("GemmPeersBenchmark.gemm", Map.of("shape", "128 128 256 NN", "peer", "openblas"), "thrpt",
                "ops/s", 12_000, seed, shift);
    }

    @Test
    void significantChangeBelowTheThresholdPasses() throws IOException {
        Path a = write("a.json", gemm(1, x -> x));
        Path b = write("b.json", gemm(11, x -> x * 0.93));
        assertEquals(0, compare(a, b, "--threshold", "0.10").exitCode());
        assertEquals(1, compare(a, b, "--threshold", "0.05").exitCode());
    }

    @Test
    void benchmarksOnOneSideAreListed() throws IOException {
        ObjectNode other = entry("GemmBenchmark.gemm", Map.of("shape", "512 512 512 TT", "provider", "simd"),
                "thrpt", "ops/s", 900, 5, x -> x);
        Path a = write("a.json", gemm(1, x -> x), loss(2, x -> x));
        Path b = write("b.json", gemm(11, x -> x), other);
        Run run = compare(a, b);
        assertEquals(0, run.exitCode(), run.out());
        assertTrue(run.out().contains("only in baseline: dev.rosenblatt.bench.jmh.LossesBenchmark.loss {batch=128x10}"),
                run.out());
        assertTrue(run.out().contains("only in current:  dev.rosenblatt.bench.jmh.GemmBenchmark.gemm"
                + " {provider=simd,shape=512 512 512 TT}"), run.out());
    }

    private static ObjectNode step(Map<String, String> params, long seed, DoubleUnaryOperator shift) {
        return entry("TrainingStepBenchmark.step", params, "thrpt", "ops/s", 700, seed, shift);
    }

    @Test
    void aParameterAddedSinceTheBaselineKeepsTheHistory() throws IOException {
        // The baseline had threads 1 and 2; the current run adds "optimizer" (sgd, its default, and adam).
        Path a = write("a.json", step(Map.of("threads", "1"), 1, x -> x), step(Map.of("threads", "2"), 2, x -> x));
        Path b = write("b.json", step(Map.of("threads", "1", "optimizer", "sgd"), 11, x -> x * 0.8),
                step(Map.of("threads", "2", "optimizer", "sgd"), 12, x -> x));
        Run run = compare(a, b);
        assertEquals(1, run.exitCode(), "the 20% slowdown on 1 thread is found across the new parameter: " + run.out());
        assertTrue(run.out().contains("paired across a parameter added since the baseline: "
                + "dev.rosenblatt.bench.jmh.TrainingStepBenchmark.step {optimizer=sgd,threads=1} with "
                + "dev.rosenblatt.bench.jmh.TrainingStepBenchmark.step {threads=1}"), run.out());
        assertTrue(run.out().contains("2 compared, 1 regressed"), run.out());

        // Two current results extend the same baseline one (sgd and adam): no guess, both sides listed.
        Path c = write("c.json", step(Map.of("threads", "1", "optimizer", "sgd"), 11, x -> x),
                step(Map.of("threads", "1", "optimizer", "adam"), 13, x -> x));
        Run ambiguous = compare(write("d.json", step(Map.of("threads", "1"), 1, x -> x)), c);
        assertTrue(ambiguous.out().contains("0 compared"), ambiguous.out());
        assertTrue(ambiguous.out().contains("only in baseline: dev.rosenblatt.bench.jmh.TrainingStepBenchmark.step"
                + " {threads=1}"), ambiguous.out());

        // A parameter the baseline already had (threads) never pairs different values.
        Path e = write("e.json", step(Map.of("threads", "2", "optimizer", "sgd"), 11, x -> x));
        Run other = compare(write("f.json", step(Map.of("threads", "1"), 1, x -> x)), e);
        assertTrue(other.out().contains("0 compared"), other.out());
    }

    @Test
    void malformedFileIsNamed() throws IOException {
        Path good = write("good.json", gemm(1, x -> x));
        Path notJson = dir.resolve("broken.json");
        Files.writeString(notJson, "[{\"benchmark\": ");
        Run run = compare(good, notJson);
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("broken.json"), run.err());

        ObjectNode noRaw = gemm(1, x -> x);
        ((ObjectNode) noRaw.get("primaryMetric")).remove("rawData");
        Path missing = write("noraw.json", noRaw);
        Run second = compare(missing, good);
        assertEquals(2, second.exitCode());
        assertTrue(second.err().contains("noraw.json") && second.err().contains("rawData"), second.err());
    }

    @Test
    void tooFewSamplesAreReported() {
        assertTrue(BenchmarkComparison.smallestPossibleP(3, 3) > 0.01, "3 vs 3 cannot reach 0.01");
        assertTrue(BenchmarkComparison.smallestPossibleP(5, 5) < 0.01, "5 vs 5 can");
    }
}
