package dev.rosenblatt.nn.data;

/**
 * How to read a CSV file: which column holds the label, whether the first line is a header, and the separator.
 *
 * @param labelColumn the label column: {@link #LAST}, a 0-based index, or -1 - k for the k-th from the end;
 *                    ignored when {@code labelName} is set; {@link #NO_LABEL} when every column is a feature
 * @param labelName   the label column's header name, or null to use {@code labelColumn}
 * @param header      whether the first non-empty line names the columns
 * @param separator   the cell separator, ',' by default
 */
public record CsvOptions(int labelColumn, String labelName, Header header, char separator) {

    /** The label is the last column. */
    public static final int LAST = -1;
    /** No label column: every column is a feature (prediction inputs). */
    public static final int NO_LABEL = Integer.MIN_VALUE;

    /** Whether the first non-empty line is a header. */
    public enum Header {
        /** A header when none of its feature cells is a number. */
        AUTO,
        PRESENT,
        ABSENT
    }

    public CsvOptions {
        if (header == null) {
            throw new IllegalArgumentException("header must be AUTO, PRESENT or ABSENT, not null");
        }
        if (separator == '"' || separator == '\n' || separator == '\r') {
            throw new IllegalArgumentException("cannot use " + (int) separator + " as the separator");
        }
    }

    /** Label in the last column, header detected, commas. */
    public static CsvOptions defaults() {
        return new CsvOptions(LAST, null, Header.AUTO, ',');
    }

    /** Every column a feature (for prediction inputs without labels). */
    public static CsvOptions unlabelled() {
        return defaults().withLabelColumn(NO_LABEL);
    }

    public CsvOptions withLabelColumn(int column) {
        return new CsvOptions(column, null, header, separator);
    }

    /** The label is the column with this header name (the file must have a header). */
    public CsvOptions withLabelName(String name) {
        return new CsvOptions(labelColumn, name, header == Header.ABSENT ? Header.ABSENT : Header.PRESENT,
                separator);
    }

    public CsvOptions withHeader(Header value) {
        return new CsvOptions(labelColumn, labelName, value, separator);
    }

    public CsvOptions withSeparator(char value) {
        return new CsvOptions(labelColumn, labelName, header, value);
    }

    /** Whether the file has a label column. */
    public boolean labelled() {
        return labelName != null || labelColumn != NO_LABEL;
    }
}
