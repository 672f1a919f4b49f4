package dev.rosenblatt.bench.compare;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * One benchmark of a JMH JSON result file: its method, parameters, mode, unit, the raw measured iteration scores
 * of every fork (flattened), and the scores of its secondary metrics (AuxCounters such as {@code flops}).
 */
public record JmhResult(String benchmark, SortedMap<String, String> params, String mode, String unit,
                        double[] samples, Map<String, Double> secondary) {

    /** Method name plus sorted parameters: what identifies a benchmark across two result files. */
    public String key() {
        if (params.isEmpty()) {
            return benchmark;
        }
        return benchmark + " " + params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** The benchmark without its package: {@code GemmBenchmark.gemm}. */
    public String shortName() {
        String[] parts = benchmark.split("\\.");
        return parts.length < 2 ? benchmark : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    /** Whether a higher score is better: throughput mode (ops/time); time modes (avgt, sample, ss) are lower-better. */
    public boolean higherIsBetter() {
        return switch (mode) {
            case "thrpt" -> true;
            case "avgt", "sample", "ss" -> false;
            // Not a mode JMH writes today: fall back on the unit, "ops/s" is a rate, "us/op" a time.
            default -> unit.startsWith("ops/");
        };
    }

    /** The parameters as a list of "name=value" in name order. */
    public List<String> paramList() {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }
}
