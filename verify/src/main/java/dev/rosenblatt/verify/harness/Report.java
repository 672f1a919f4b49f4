package dev.rosenblatt.verify.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The rows as a plain-text table, a Markdown table, or JSON (one object per row). */
public final class Report {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Report() {
    }

    public static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-30s %-8s %5s %10s %10s %10s %8s %8s  %-6s %s%n",
                "kernel", "provider", "width", "inputs", "max abs", "max rel", "max ulp", "ratio", "result", "bound"));
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "%-30s %-8s %5s %10d %10s %10s %8s %8s  %-6s %s%n", r.kernel(),
                    r.provider(), width(r), r.inputs(), number(r.maxAbs()), number(r.maxRel()), ulp(r.maxUlp()),
                    ratio(r.maxRatio()), r.pass() ? "PASS" : "FAIL", r.bound()));
        }
        return out.toString();
    }

    public static String markdown(List<Row> rows) {
        StringBuilder out = new StringBuilder("| kernel | provider | width | inputs | max abs | max rel | max ulp | "
                + "max ratio | bound | result |\n|---|---|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %s | %s | %s | %s | %s | %s |%n",
                    r.kernel(), r.provider(), width(r), r.inputs(), number(r.maxAbs()), number(r.maxRel()),
                    ulp(r.maxUlp()), ratio(r.maxRatio()), r.bound().replace("|", "\\|"), r.pass() ? "PASS" : "FAIL"));
        }
        return out.toString();
    }

    public static String json(List<Row> rows) throws IOException {
        return JSON.writeValueAsString(rows);
    }

    public static String jsonLine(Row row) throws IOException {
        return new ObjectMapper().writeValueAsString(row);
    }

    public static Row parseLine(String line) throws IOException {
        return JSON.readValue(line, Row.class);
    }

    /** Writes JSON when the file name ends in .json, Markdown otherwise. */
    public static void write(Path file, List<Row> rows) throws IOException {
        String text = file.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? json(rows) : markdown(rows);
        Files.writeString(file, text);
    }

    private static String width(Row r) {
        return r.width() == 0 ? "-" : Integer.toString(r.width());
    }

    private static String number(double v) {
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.2e", v);
    }

    private static String ulp(long u) {
        return u == Long.MAX_VALUE ? "inf" : Long.toString(u);
    }

    private static String ratio(double v) {
        return Double.isNaN(v) ? "-" : Double.isInfinite(v) ? "inf" : String.format(Locale.ROOT, "%.3f", v);
    }
}
