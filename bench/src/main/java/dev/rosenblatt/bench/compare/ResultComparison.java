package dev.rosenblatt.bench.compare;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Two JMH result sets paired by benchmark key (method and parameters): the comparisons of those in both, and
 * those present on one side only, which are reported rather than dropped.
 *
 * <p>A parameter added to a benchmark since the baseline would otherwise cut it from its history (every key
 * changes). So a current result whose parameters are a baseline result's plus only parameters that no baseline
 * result of that method has is paired with it, when the pairing is one to one; {@link #acrossNewParameters()}
 * names those pairs so that the report can say so.
 */
public record ResultComparison(List<BenchmarkComparison> compared, List<JmhResult> onlyBaseline,
                               List<JmhResult> onlyCurrent, List<BenchmarkComparison> acrossNewParameters) {

    public static ResultComparison of(List<JmhResult> baseline, List<JmhResult> current, double alpha,
                                      double threshold) {
        Map<String, JmhResult> byKey = new LinkedHashMap<>();
        current.forEach(r -> byKey.put(r.key(), r));
        List<BenchmarkComparison> compared = new ArrayList<>();
        List<JmhResult> onlyBaseline = new ArrayList<>();
        for (JmhResult b : baseline) {
            JmhResult c = byKey.remove(b.key());
            if (c == null) {
                onlyBaseline.add(b);
            } else {
                compared.add(BenchmarkComparison.of(b, c, alpha, threshold));
            }
        }
        List<JmhResult> onlyCurrent = new ArrayList<>(byKey.values());
        List<BenchmarkComparison> across = new ArrayList<>();
        for (JmhResult b : List.copyOf(onlyBaseline)) {
            List<JmhResult> candidates = onlyCurrent.stream()
                    .filter(c -> extendsWithNewParameters(c, b, baseline)).toList();
            if (candidates.size() != 1) {
                continue;
            }
            JmhResult c = candidates.getFirst();
            long rivals = onlyBaseline.stream().filter(other -> extendsWithNewParameters(c, other, baseline)).count();
            if (rivals != 1) {
                continue;
            }
            BenchmarkComparison comparison = BenchmarkComparison.of(b, c, alpha, threshold);
            compared.add(comparison);
            across.add(comparison);
            onlyBaseline.remove(b);
            onlyCurrent.remove(c);
        }
        return new ResultComparison(compared, onlyBaseline, onlyCurrent, across);
    }

    /**
     * Whether {@code c} is {@code b} with parameters added that the baseline never had for that method: same
     * method and mode, each of b's parameters with the same value in c, and every other parameter of c absent
     * from all of the baseline's results of that method.
     */
    private static boolean extendsWithNewParameters(JmhResult c, JmhResult b, List<JmhResult> baseline) {
        if (!c.benchmark().equals(b.benchmark()) || !c.mode().equals(b.mode())
                || c.params().size() <= b.params().size()) {
            return false;
        }
        for (Map.Entry<String, String> e : b.params().entrySet()) {
            if (!e.getValue().equals(c.params().get(e.getKey()))) {
                return false;
            }
        }
        Set<String> known = new HashSet<>();
        for (JmhResult r : baseline) {
            if (r.benchmark().equals(c.benchmark())) {
                known.addAll(r.params().keySet());
            }
        }
        return c.params().keySet().stream().filter(name -> !b.params().containsKey(name)).noneMatch(known::contains);
    }

    public boolean anyRegression() {
        return compared.stream().anyMatch(BenchmarkComparison::regression);
    }
}
