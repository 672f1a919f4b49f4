package dev.rosenblatt.nn.io;

import java.util.Arrays;

/**
 * One tensor's entry in a safetensors header: its name, element type, shape, and the bytes [begin, end) it
 * occupies, counted from the start of the data section (just after the header).
 */
public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {

    public TensorInfo {
        shape = shape.clone();
    }

    /** The shape; a copy, so the record stays unchanged. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements: the product of the shape (1 for a scalar, whose shape is empty). */
    public long elementCount() {
        long count = 1;
        for (long dimension : shape) {
            count *= dimension;
        }
        return count;
    }

    /** end - begin. */
    public long byteSize() {
        return end - begin;
    }

    /** "layer0.weight F32 [128, 784]", for messages. */
    public String describe() {
        return name + " " + dtype + " " + Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorInfo that && name.equals(that.name) && dtype == that.dtype
                && Arrays.equals(shape, that.shape) && begin == that.begin && end == that.end;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return describe() + " bytes [" + begin + ", " + end + ")";
    }
}
