package dev.rosenblatt.nn.io;

import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.F32Vector;
import dev.rosenblatt.kernels.memory.F64Matrix;
import dev.rosenblatt.kernels.memory.F64Vector;
import dev.rosenblatt.kernels.memory.MatrixLayout;
import dev.rosenblatt.kernels.memory.Shapes;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Where a tensor's elements come from when a file is written: the writer asks for consecutive chunks and the
 * content copies them, little-endian, into the chunk it is given. Chunks keep the writer's buffer small, so an
 * off-heap matrix is written without a heap copy of it.
 */
@FunctionalInterface
public interface TensorContent {

    ValueLayout.OfFloat F32_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    ValueLayout.OfDouble F64_LE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    ValueLayout.OfLong I64_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /**
     * Writes elements {@code firstElement, firstElement + 1, ...} into {@code out}, which holds a whole number of
     * elements, as little-endian bytes. Throwing aborts the write and leaves any old file in place.
     */
    void fill(long firstElement, MemorySegment out) throws IOException;

    /** The elements of a float array, in order. */
    static TensorContent of(float[] values) {
        MemorySegment source = MemorySegment.ofArray(values);
        // Copying through layouts moves bytes (swapping them on a big-endian machine): NaN payloads survive.
        return (first, out) -> MemorySegment.copy(source, ValueLayout.JAVA_FLOAT, first * Float.BYTES,
                out, F32_LE, 0, out.byteSize() / Float.BYTES);
    }

    /** The elements of a double array, in order. */
    static TensorContent of(double[] values) {
        MemorySegment source = MemorySegment.ofArray(values);
        return (first, out) -> MemorySegment.copy(source, ValueLayout.JAVA_DOUBLE, first * Double.BYTES,
                out, F64_LE, 0, out.byteSize() / Double.BYTES);
    }

    /** The elements of a long array, in order. */
    static TensorContent of(long[] values) {
        MemorySegment source = MemorySegment.ofArray(values);
        return (first, out) -> MemorySegment.copy(source, ValueLayout.JAVA_LONG, first * Long.BYTES,
                out, I64_LE, 0, out.byteSize() / Long.BYTES);
    }

    /** The elements of an off-heap float32 matrix (any view, transposed ones too), row by row. */
    static TensorContent of(F32Matrix matrix) {
        return ofMatrix(matrix, ValueLayout.JAVA_FLOAT, F32_LE);
    }

    /** The elements of an off-heap float64 matrix (any view, transposed ones too), row by row. */
    static TensorContent of(F64Matrix matrix) {
        return ofMatrix(matrix, ValueLayout.JAVA_DOUBLE, F64_LE);
    }

    /** Row by row from a matrix whose elements are {@code stored}, into {@code little}, a layout of the same size. */
    private static TensorContent ofMatrix(MatrixLayout matrix, ValueLayout stored, ValueLayout little) {
        long bytes = stored.byteSize();
        return (first, out) -> {
            Shapes.checkAlive(matrix.segment(), matrix.describe());
            long count = out.byteSize() / bytes;
            int cols = matrix.cols();
            for (long k = 0; k < count; ) {
                long element = first + k;
                int i = (int) (element / cols);
                int j = (int) (element % cols);
                int run = (int) Math.min(cols - j, count - k);
                if (!matrix.isTransposed()) {
                    // Stored rows are contiguous: one bulk copy per (part of a) row.
                    long from = (matrix.offset() + (long) i * matrix.ld() + j) * bytes;
                    MemorySegment.copy(matrix.segment(), stored, from, out, little, k * bytes, run);
                } else {
                    // Logical (i, j + c) is stored at (j + c, i).
                    for (int c = 0; c < run; c++) {
                        long from = (matrix.offset() + (long) (j + c) * matrix.ld() + i) * bytes;
                        MemorySegment.copy(matrix.segment(), stored, from, out, little, (k + c) * bytes, 1);
                    }
                }
                k += run;
            }
        };
    }

    /**
     * The elements of an off-heap float32 vector (strided ones too); a contiguous one (biases, optimizer state) in
     * one bulk copy, as the rows of a matrix.
     */
    static TensorContent of(F32Vector vector) {
        return (first, out) -> {
            long count = out.byteSize() / Float.BYTES;
            if (vector.stride() == 1) {
                Shapes.checkAlive(vector.segment(), vector.describe());
                MemorySegment.copy(vector.segment(), ValueLayout.JAVA_FLOAT_UNALIGNED,
                        (vector.offset() + first) * Float.BYTES, out, F32_LE, 0, count);
                return;
            }
            for (long k = 0; k < count; k++) {
                out.setAtIndex(F32_LE, k, vector.get((int) (first + k)));
            }
        };
    }

    /** The elements of an off-heap float64 vector (strided ones too); contiguous ones in bulk, as above. */
    static TensorContent of(F64Vector vector) {
        return (first, out) -> {
            long count = out.byteSize() / Double.BYTES;
            if (vector.stride() == 1) {
                Shapes.checkAlive(vector.segment(), vector.describe());
                MemorySegment.copy(vector.segment(), ValueLayout.JAVA_DOUBLE_UNALIGNED,
                        (vector.offset() + first) * Double.BYTES, out, F64_LE, 0, count);
                return;
            }
            for (long k = 0; k < count; k++) {
                out.setAtIndex(F64_LE, k, vector.get((int) (first + k)));
            }
        };
    }
}
