package dev.rosenblatt.bench.compare;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a JMH JSON result file ({@code -rf json}): an array of benchmarks, each with {@code benchmark},
 * {@code mode}, {@code params} and {@code primaryMetric.rawData} (one array of iteration scores per fork). Any
 * deviation is an {@link IllegalArgumentException} naming the file and what is wrong.
 */
public final class JmhResultFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JmhResultFile() {
    }

    public static List<JmhResult> read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JacksonException e) {
            throw malformed(file, "not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JMH result file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw malformed(file, "expected a JSON array of benchmarks, as JMH writes with -rf json");
        }
        List<JmhResult> results = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            results.add(parse(file, i, root.get(i)));
        }
        return results;
    }

    private static JmhResult parse(Path file, int index, JsonNode node) {
        String where = "entry " + index;
        String benchmark = text(file, where, node, "benchmark");
        where = where + " (" + benchmark + ")";
        String mode = text(file, where, node, "mode");
        JsonNode primary = node.get("primaryMetric");
        if (primary == null || !primary.isObject()) {
            throw malformed(file, where + " has no primaryMetric");
        }
        String unit = text(file, where, primary, "scoreUnit");
        JsonNode raw = primary.get("rawData");
        if (raw == null || !raw.isArray()) {
            throw malformed(file, where + " has no primaryMetric.rawData (raw iteration scores)");
        }
        List<Double> samples = new ArrayList<>();
        for (JsonNode fork : raw) {
            if (!fork.isArray()) {
                throw malformed(file, where + ": rawData must be an array of arrays of numbers");
            }
            for (JsonNode value : fork) {
                if (!value.isNumber()) {
                    throw malformed(file, where + ": rawData holds a non-number " + value);
                }
                samples.add(value.asDouble());
            }
        }
        if (samples.isEmpty()) {
            throw malformed(file, where + ": rawData is empty");
        }
        TreeMap<String, String> params = new TreeMap<>();
        JsonNode p = node.get("params");
        if (p != null && p.isObject()) {
            p.properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
        }
        Map<String, Double> secondary = new LinkedHashMap<>();
        JsonNode s = node.get("secondaryMetrics");
        if (s != null && s.isObject()) {
            s.properties().forEach(e -> {
                JsonNode score = e.getValue().get("score");
                if (score != null && score.isNumber()) {
                    secondary.put(e.getKey(), score.asDouble());
                }
            });
        }
        return new JmhResult(benchmark, params, mode, unit,
                samples.stream().mapToDouble(Double::doubleValue).toArray(), secondary);
    }

    private static String text(Path file, String where, JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isTextual()) {
            throw malformed(file, where + " has no text field '" + field + "'");
        }
        return value.asText();
    }

    private static IllegalArgumentException malformed(Path file, String what) {
        return new IllegalArgumentException("malformed JMH result file " + file + ": " + what);
    }
}
