package dev.rosenblatt.kernels;

import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.F64Matrix;
import dev.rosenblatt.kernels.memory.MatrixLayout;
import dev.rosenblatt.kernels.memory.Shapes;

/**
 * The facade's checks for the elementwise and row-wise kernels: same shapes, live memory, a consistent layout, and
 * outputs that are their inputs exactly or do not touch them. For elementwise kernels it also finds the cheapest
 * walk: one long row when every operand is packed, else the stored rows with their leading dimensions.
 *
 * <p>Nothing here allocates unless a check fails: a training step calls these dozens of times and must not
 * allocate, so operand names are passed as one constant string ("out,in") and split only to build a message.
 */
final class ElementwiseArgs {

    private ElementwiseArgs() {
    }

    /**
     * Checks an elementwise call with one input; returns the element count when every operand is packed (walk
     * them as one row), or -1 (walk the stored rows). Read the walk with {@link #rows}, {@link #cols}, {@link #ld}.
     */
    static long walk(String op, String names, MatrixLayout out, MatrixLayout in) {
        check(op, names, out, in, null);
        checkSameOrientation(op, names, out, in, null);
        return packedCount(out, in, null);
    }

    /** As {@link #walk(String, String, MatrixLayout, MatrixLayout)} with two inputs. */
    static long walk(String op, String names, MatrixLayout out, MatrixLayout a, MatrixLayout b) {
        check(op, names, out, a, b);
        checkSameOrientation(op, names, out, a, b);
        return packedCount(out, a, b);
    }

    static int rows(long walk, MatrixLayout m) {
        return walk >= 0 ? 1 : (m.isTransposed() ? m.cols() : m.rows());
    }

    static int cols(long walk, MatrixLayout m) {
        return walk >= 0 ? (int) walk : (m.isTransposed() ? m.rows() : m.cols());
    }

    static long ld(long walk, MatrixLayout m) {
        return walk >= 0 ? Math.max(1, walk) : m.ld();
    }

    /** Row-wise operands (softmax, losses): same checks, and no transposed views, since a row must be contiguous. */
    static void rows(String op, String names, MatrixLayout m) {
        check(op, names, m, null, null);
        checkNotTransposed(op, names, m, null, null);
    }

    static void rows(String op, String names, MatrixLayout out, MatrixLayout in) {
        check(op, names, out, in, null);
        checkNotTransposed(op, names, out, in, null);
    }

    static void rows(String op, String names, MatrixLayout out, MatrixLayout a, MatrixLayout b) {
        check(op, names, out, a, b);
        checkNotTransposed(op, names, out, a, b);
    }

    private static long packedCount(MatrixLayout out, MatrixLayout a, MatrixLayout b) {
        long n = out.size();
        boolean packed = n <= Integer.MAX_VALUE && out.isPacked() && (a == null || a.isPacked())
                && (b == null || b.isPacked());
        return packed ? n : -1;
    }

    private static String name(String names, int k) {
        String[] all = names.split(",");
        return k < all.length ? all[k] : "operand " + k;
    }

    /** Shapes, liveness and overlap; the first operand is the one written. */
    private static void check(String op, String names, MatrixLayout out, MatrixLayout a, MatrixLayout b) {
        checkOne(op, names, out, out, 0);
        if (a != null) {
            checkOne(op, names, out, a, 1);
            checkOverlap(op, names, out, a, 1);
        }
        if (b != null) {
            checkOne(op, names, out, b, 2);
            checkOverlap(op, names, out, b, 2);
        }
    }

    private static void checkOne(String op, String names, MatrixLayout out, MatrixLayout m, int k) {
        if (m.rows() != out.rows() || m.cols() != out.cols()) {
            throw new IllegalArgumentException(op + ": shape mismatch: " + name(names, 0) + " is " + out.describe()
                    + " but " + name(names, k) + " is " + m.describe());
        }
        if (!m.isAlive()) {
            Shapes.checkAlive(m.segment(), op + " " + name(names, k) + " (" + m.describe() + ")");
        }
    }

    private static void checkSameOrientation(String op, String names, MatrixLayout out, MatrixLayout a,
                                             MatrixLayout b) {
        for (int k = 1; k <= 2; k++) {
            MatrixLayout m = k == 1 ? a : b;
            if (m != null && m.isTransposed() != out.isTransposed()) {
                throw new IllegalArgumentException(op + ": " + name(names, 0) + " and " + name(names, k)
                        + " must both be transposed views or neither (" + out.describe() + ", " + m.describe() + ")");
            }
        }
    }

    private static void checkNotTransposed(String op, String names, MatrixLayout out, MatrixLayout a,
                                           MatrixLayout b) {
        for (int k = 0; k <= 2; k++) {
            MatrixLayout m = k == 0 ? out : k == 1 ? a : b;
            if (m != null && m.isTransposed()) {
                throw new IllegalArgumentException(op + " works on contiguous rows; " + name(names, k)
                        + " is a transposed view (" + m.describe() + "): copy it first");
            }
        }
    }

    private static void checkOverlap(String op, String names, MatrixLayout out, MatrixLayout in, int k) {
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
            throw new IllegalArgumentException(op + ": " + name(names, 0) + " overlaps " + name(names, k)
                    + " without being the same elements (" + out + ", " + in + ")");
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
