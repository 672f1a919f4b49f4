package dev.rosenblatt.bench.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two JMH result sets paired by benchmark key (method and parameters): the comparisons of those in both, and
 * those present on one side only, which are reported rather than dropped.
 */
public record ResultComparison(List<BenchmarkComparison> compared, List<JmhResult> onlyBaseline,
                               List<JmhResult> onlyCurrent) {

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
        return new ResultComparison(compared, onlyBaseline, new ArrayList<>(byKey.values()));
    }

    public boolean anyRegression() {
        return compared.stream().anyMatch(BenchmarkComparison::regression);
    }
}
