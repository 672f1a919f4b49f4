package dev.rosenblatt.nn.train;

/** Counts of (true class, predicted class) pairs, and the accuracy, precision and recall they give. */
public final class ConfusionMatrix {

    private final long[][] counts;

    public ConfusionMatrix(int classes) {
        counts = new long[classes][classes];
    }

    public void add(int actual, int predicted) {
        counts[actual][predicted]++;
    }

    public int classes() {
        return counts.length;
    }

    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    public long total() {
        long n = 0;
        for (long[] row : counts) {
            for (long c : row) {
                n += c;
            }
        }
        return n;
    }

    public double accuracy() {
        long right = 0;
        for (int c = 0; c < counts.length; c++) {
            right += counts[c][c];
        }
        long n = total();
        return n == 0 ? Double.NaN : (double) right / n;
    }

    /** Of the samples predicted as {@code c}, the fraction that are {@code c} (NaN when none was predicted). */
    public double precision(int c) {
        long predicted = 0;
        for (long[] row : counts) {
            predicted += row[c];
        }
        return predicted == 0 ? Double.NaN : (double) counts[c][c] / predicted;
    }

    /** Of the samples of class {@code c}, the fraction predicted as {@code c} (NaN when there are none). */
    public double recall(int c) {
        long actual = 0;
        for (long v : counts[c]) {
            actual += v;
        }
        return actual == 0 ? Double.NaN : (double) counts[c][c] / actual;
    }

    /** A text table: rows are true classes, columns predictions, then precision and recall per class. */
    public String format(String[] names) {
        StringBuilder s = new StringBuilder();
        int k = counts.length;
        s.append(String.format("%12s", "true\\pred"));
        for (int c = 0; c < k; c++) {
            s.append(String.format("%7s", shortName(names, c)));
        }
        s.append(String.format("%11s%9s%n", "precision", "recall"));
        for (int a = 0; a < k; a++) {
            s.append(String.format("%12s", shortName(names, a)));
            for (int p = 0; p < k; p++) {
                s.append(String.format("%7d", counts[a][p]));
            }
            s.append(String.format("%11.3f%9.3f%n", precision(a), recall(a)));
        }
        s.append(String.format("accuracy %.4f over %d samples%n", accuracy(), total()));
        return s.toString();
    }

    private static String shortName(String[] names, int c) {
        String n = names != null && c < names.length ? names[c] : Integer.toString(c);
        return n.length() > 10 ? n.substring(0, 10) : n;
    }
}
