package dev.rosenblatt.nn.data;

import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.nn.io.FileFormatException;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads numeric CSV files into a {@link Dataset}: one example per line, numeric feature cells, one label column.
 *
 * <p>Cells are separated by the separator; a cell in double quotes may contain it (a doubled quote is a quote);
 * a quoted cell cannot span lines. Blank lines are skipped. The first non-empty line is a header when the options
 * say so or, by default, when none of its feature cells is a number. Labels that are all integers from 0 to 65535
 * are the class indices themselves; other integers are numbered in increasing order; any other strings in order
 * of first appearance, and the strings become the class names.
 *
 * <p>The file is read twice: once to count the rows, once to parse them straight into off-heap memory, so a large
 * file needs no heap copy of its numbers. A cell that is not a finite number gives a {@link FileFormatException}
 * naming the line and column.
 */
public final class CsvFiles {

    private static final int MAX_IDENTITY_LABEL = 65535;

    private CsvFiles() {
    }

    /** The examples of a labelled CSV file, in memory owned by {@code memory}. */
    public static Dataset load(Path file, CsvOptions options, OffHeap memory) throws IOException {
        if (!options.labelled()) {
            throw new IllegalArgumentException("a dataset needs a label column; use loadFeatures for unlabelled files");
        }
        Table table = read(file, options, memory);
        return labelled(file, table);
    }

    /** The feature columns of a CSV file (the label column, if the options name one, is skipped). */
    public static F32Matrix loadFeatures(Path file, CsvOptions options, OffHeap memory) throws IOException {
        return read(file, options, memory).features;
    }

    /** What one read gives: features off-heap, label strings with their line numbers, names. */
    private record Table(F32Matrix features, String[] labels, int[] labelLines, int labelColumn,
                         List<String> featureNames) {
    }

    private static Table read(Path file, CsvOptions options, OffHeap memory) throws IOException {
        CellSplitter splitter = new CellSplitter(file, options.separator());
        List<String> cells = new ArrayList<>();
        // Pass 1: the first line decides columns, label and header; the rest only counts rows.
        int firstLine = 0;
        int rows = 0;
        int columns;
        int labelColumn;
        boolean header;
        List<String> firstCells;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            String first = null;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (!line.isBlank()) {
                    first = line;
                    firstLine = lineNumber;
                    break;
                }
            }
            if (first == null) {
                throw new FileFormatException(file, "", "the file has no data rows");
            }
            splitter.split(first, firstLine, cells);
            firstCells = List.copyOf(cells);
            columns = cells.size();
            labelColumn = labelColumn(file, options, firstCells);
            header = switch (options.header()) {
                case PRESENT -> true;
                case ABSENT -> false;
                case AUTO -> options.labelName() != null || noNumbers(firstCells, labelColumn);
            };
            if (!header) {
                rows++;
            }
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    rows++;
                }
            }
        }
        int features = columns - (labelColumn >= 0 ? 1 : 0);
        if (features == 0) {
            throw new FileFormatException(file, "line " + firstLine, "no feature columns: the line has " + columns
                    + " cell(s) and one is the label");
        }
        if (rows == 0) {
            throw new FileFormatException(file, "", "the file has a header but no data rows");
        }
        List<String> names = new ArrayList<>();
        if (header) {
            for (int c = 0; c < columns; c++) {
                if (c != labelColumn) {
                    names.add(firstCells.get(c).strip());
                }
            }
        }

        // Pass 2: parse every data row straight into its row of the off-heap matrix.
        F32Matrix matrix = memory.f32Matrix(rows, features);
        MemorySegment segment = matrix.segment();
        String[] labels = labelColumn >= 0 ? new String[rows] : null;
        int[] labelLines = labelColumn >= 0 ? new int[rows] : null;
        float[] row = new float[features];
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            int r = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank() || (header && lineNumber == firstLine)) {
                    continue;
                }
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (r == rows) {
                    throw new FileFormatException(file, "line " + lineNumber, "the file grew while it was read");
                }
                splitter.split(line, lineNumber, cells);
                if (cells.size() != columns) {
                    throw new FileFormatException(file, "line " + lineNumber, "has " + cells.size()
                            + " cells, but line " + firstLine + " has " + columns);
                }
                int f = 0;
                for (int c = 0; c < columns; c++) {
                    String cell = cells.get(c);
                    if (c == labelColumn) {
                        labels[r] = cell.strip();
                        labelLines[r] = lineNumber;
                        if (labels[r].isEmpty()) {
                            throw new FileFormatException(file, where(lineNumber, c, header ? firstCells : null),
                                    "the label is empty");
                        }
                    } else {
                        row[f++] = number(file, cell, lineNumber, c, header ? firstCells : null);
                    }
                }
                MemorySegment.copy(row, 0, segment, ValueLayout.JAVA_FLOAT_UNALIGNED, (long) r * features * Float.BYTES,
                        features);
                r++;
            }
            if (r != rows) {
                throw new FileFormatException(file, "line " + lineNumber, "the file shrank while it was read");
            }
        }
        return new Table(matrix, labels, labelLines, labelColumn, names);
    }

    private static Dataset labelled(Path file, Table table) throws FileFormatException {
        String[] strings = table.labels();
        int n = strings.length;
        int[] labels = new int[n];
        long[] integers = new long[n];
        boolean allIntegers = true;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < n && allIntegers; i++) {
            Long value = integer(strings[i]);
            if (value == null) {
                allIntegers = false;
            } else {
                integers[i] = value;
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        if (allIntegers && min >= 0 && max <= MAX_IDENTITY_LABEL) {
            for (int i = 0; i < n; i++) {
                labels[i] = (int) integers[i];
            }
            return new Dataset(table.features(), labels, (int) max + 1, table.featureNames(), List.of());
        }
        Map<String, Integer> classes = new LinkedHashMap<>();
        if (allIntegers) {
            // Negative or large integers (-1 / +1, years, codes): number them in increasing order.
            TreeSet<Long> distinct = new TreeSet<>();
            for (long value : integers) {
                distinct.add(value);
            }
            Map<Long, Integer> index = new LinkedHashMap<>();
            for (long value : distinct) {
                index.put(value, index.size());
                classes.put(Long.toString(value), classes.size());
            }
            for (int i = 0; i < n; i++) {
                labels[i] = index.get(integers[i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                labels[i] = classes.computeIfAbsent(strings[i], k -> classes.size());
            }
        }
        if (classes.isEmpty()) {
            throw new FileFormatException(file, "", "no labels");
        }
        return new Dataset(table.features(), labels, classes.size(), table.featureNames(),
                List.copyOf(classes.keySet()));
    }

    /** The integer a label cell holds ("3", "3.0", "-1"), or null when it is not one. */
    private static Long integer(String cell) {
        try {
            double value = Double.parseDouble(cell);
            if (value == Math.rint(value) && Math.abs(value) <= Integer.MAX_VALUE) {
                return (long) value;
            }
            return null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int labelColumn(Path file, CsvOptions options, List<String> firstCells) throws FileFormatException {
        int columns = firstCells.size();
        if (options.labelName() != null) {
            if (options.header() == CsvOptions.Header.ABSENT) {
                throw new IllegalArgumentException("a label column named \"" + options.labelName()
                        + "\" needs a header line");
            }
            for (int c = 0; c < columns; c++) {
                if (firstCells.get(c).strip().equals(options.labelName())) {
                    return c;
                }
            }
            throw new FileFormatException(file, "header", "no column named \"" + options.labelName() + "\"; the"
                    + " columns are " + firstCells);
        }
        int requested = options.labelColumn();
        if (requested == CsvOptions.NO_LABEL) {
            return -1;
        }
        int column = requested >= 0 ? requested : columns + requested;
        if (column < 0 || column >= columns) {
            throw new FileFormatException(file, "", "label column " + requested + " does not exist: the first line"
                    + " has " + columns + " columns");
        }
        return column;
    }

    /** Whether no feature cell of the first line is a number: then it is a header. */
    private static boolean noNumbers(List<String> cells, int labelColumn) {
        for (int c = 0; c < cells.size(); c++) {
            if (c != labelColumn && isNumber(cells.get(c))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumber(String cell) {
        try {
            Float.parseFloat(cell.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static float number(Path file, String cell, int line, int column, List<String> header)
            throws FileFormatException {
        float value;
        try {
            value = Float.parseFloat(cell.strip());
        } catch (NumberFormatException e) {
            throw new FileFormatException(file, where(line, column, header), "\"" + cell + "\" is not a number");
        }
        if (!Float.isFinite(value)) {
            throw new FileFormatException(file, where(line, column, header), "\"" + cell + "\" is not a finite"
                    + " number (missing values are not supported)");
        }
        return value;
    }

    /** "line 7, column 3 (petal_width)": columns count from 1, as in a spreadsheet. */
    private static String where(int line, int column, List<String> header) {
        String name = header == null ? "" : " (" + header.get(column).strip() + ")";
        return "line " + line + ", column " + (column + 1) + name;
    }

    /** Splits one line into cells, honouring double quotes; reuses the caller's list. */
    private static final class CellSplitter {

        private final Path file;
        private final char separator;
        private final StringBuilder cell = new StringBuilder();

        CellSplitter(Path file, char separator) {
            this.file = file;
            this.separator = separator;
        }

        void split(String line, int lineNumber, List<String> cells) throws FileFormatException {
            cells.clear();
            int i = 0;
            int length = line.length();
            while (true) {
                int start = i;
                while (i < length && line.charAt(i) == ' ') {
                    i++;
                }
                if (i < length && line.charAt(i) == '"') {
                    cell.setLength(0);
                    i++;
                    while (true) {
                        if (i >= length) {
                            throw new FileFormatException(file, "line " + lineNumber + ", column " + (cells.size() + 1),
                                    "a quoted cell is not closed on this line");
                        }
                        char c = line.charAt(i++);
                        if (c == '"') {
                            if (i < length && line.charAt(i) == '"') {
                                cell.append('"');
                                i++;
                            } else {
                                break;
                            }
                        } else {
                            cell.append(c);
                        }
                    }
                    while (i < length && line.charAt(i) == ' ') {
                        i++;
                    }
                    if (i < length && line.charAt(i) != separator) {
                        throw new FileFormatException(file, "line " + lineNumber + ", column " + (cells.size() + 1),
                                "text after the closing quote of a quoted cell");
                    }
                    cells.add(cell.toString());
                } else {
                    i = start;
                    while (i < length && line.charAt(i) != separator) {
                        i++;
                    }
                    cells.add(line.substring(start, i));
                }
                if (i >= length) {
                    return;
                }
                i++; // the separator
            }
        }
    }
}
