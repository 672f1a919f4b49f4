package dev.rosenblatt.nn.io;

import java.util.Optional;

/** The element types we read and write in safetensors files, with their names in the header. */
public enum DType {
    F32(Float.BYTES),
    F64(Double.BYTES),
    I64(Long.BYTES);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /** The type with this header name ("F32", ...), or empty for a name we do not support. */
    public static Optional<DType> fromName(String name) {
        for (DType type : values()) {
            if (type.name().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
