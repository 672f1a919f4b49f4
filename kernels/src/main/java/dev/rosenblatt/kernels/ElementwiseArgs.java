package dev.rosenblatt.kernels;

import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.F64Matrix;
import dev.rosenblatt.kernels.memory.MatrixLayout;
import dev.rosenblatt.kernels.memory.Shapes;

/**
 * The facade's checks for the elementwise and row-wise kernels: same shapes, live memory, a consistent layout, and
 * outputs that are their inputs exactly or do not touch them. For elementwise kernels it also finds the cheapest
 * walk: one long row when every operand is packed, else the stored rows with their leading dimensions.
 */
final class ElementwiseArgs {

    final int rows;
    final int cols;
    final long[] ld;

    private ElementwiseArgs(int rows, int cols, long[] ld) {
        this.rows = rows;
        this.cols = cols;
        this.ld = ld;
    }

    /** Elementwise operands; the first is the output. {@code names} is "out,in", for messages. */
    static ElementwiseArgs of(String op, String names, MatrixLayout... ms) {
        String[] name = names.split(",");
        checkCommon(op, name, ms);
        boolean transposed = ms[0].isTransposed();
        for (int k = 1; k < ms.length; k++) {
            if (ms[k].isTransposed() != transposed) {
                throw new IllegalArgumentException(op + ": " + name[0] + " and " + name[k] + " must both be transposed "
                        + "views or neither (" + ms[0].describe() + ", " + ms[k].describe() + ")");
            }
        }
        int storedRows = transposed ? ms[0].cols() : ms[0].rows();
        int storedCols = transposed ? ms[0].rows() : ms[0].cols();
        long[] ld = new long[ms.length];
        boolean packed = (long) storedRows * storedCols <= Integer.MAX_VALUE;
        for (MatrixLayout m : ms) {
            packed &= m.isPacked();
        }
        if (packed) {
            int n = storedRows * storedCols;
            java.util.Arrays.fill(ld, Math.max(1, n));
            return new ElementwiseArgs(1, n, ld);
        }
        for (int k = 0; k < ms.length; k++) {
            ld[k] = ms[k].ld();
        }
        return new ElementwiseArgs(storedRows, storedCols, ld);
    }

    /** Row-wise operands (softmax): same checks, and no transposed views, since a row must be contiguous. */
    static void rows(String op, String names, MatrixLayout... ms) {
        String[] name = names.split(",");
        checkCommon(op, name, ms);
        for (int k = 0; k < ms.length; k++) {
            if (ms[k].isTransposed()) {
                throw new IllegalArgumentException(op + " works on contiguous rows; " + name[k] + " is a transposed "
                        + "view (" + ms[k].describe() + "): copy it first");
            }
        }
    }

    /** Shapes, liveness and overlap; the first operand is the one written. */
    static void checkCommon(String op, String[] name, MatrixLayout... ms) {
        MatrixLayout out = ms[0];
        for (int k = 0; k < ms.length; k++) {
            MatrixLayout m = ms[k];
            if (m.rows() != out.rows() || m.cols() != out.cols()) {
                throw new IllegalArgumentException(op + ": shape mismatch: " + name[0] + " is " + out.describe()
                        + " but " + name[k] + " is " + m.describe());
            }
            Shapes.checkAlive(m.segment(), op + " " + name[k] + " (" + m.describe() + ")");
        }
        for (int k = 1; k < ms.length; k++) {
            checkOverlap(op, name[0], out, name[k], ms[k]);
        }
    }

    static void checkOverlap(String op, String outName, MatrixLayout out, String inName, MatrixLayout in) {
        int bytes = out instanceof F32Matrix ? Float.BYTES : Double.BYTES;
        if (out.size() == 0) {
            return;
        }
        long outStart = out.offset() * bytes;
        long outEnd = (out.offset() + extent(out)) * bytes;
        long inStart = in.offset() * bytes;
        long inEnd = (in.offset() + extent(in)) * bytes;
        if (!Overlap.overlaps(out.segment(), outStart, outEnd, in.segment(), inStart, inEnd)) {
            return;
        }
        boolean same = out.segment().address() + outStart == in.segment().address() + inStart
                && out.ld() == in.ld() && out.isTransposed() == in.isTransposed();
        if (!same) {
            throw new IllegalArgumentException(op + ": " + outName + " overlaps " + inName + " without being the "
                    + "same elements (" + out + ", " + in + ")");
        }
    }

    /** Elements from the first to one past the last, in storage. */
    private static long extent(MatrixLayout m) {
        int storedRows = m.isTransposed() ? m.cols() : m.rows();
        int storedCols = m.isTransposed() ? m.rows() : m.cols();
        return (storedRows - 1L) * m.ld() + storedCols;
    }

    static String kind(MatrixLayout m) {
        return m instanceof F64Matrix ? "float64" : "float32";
    }
}
