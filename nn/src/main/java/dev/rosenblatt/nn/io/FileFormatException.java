package dev.rosenblatt.nn.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data or model file whose content is wrong: it names the file, where in it (a byte offset, a line and column,
 * a tensor) and what is wrong, so that the user can find and fix the problem without reading our code.
 */
public final class FileFormatException extends IOException {

    private final transient Path file;
    private final String location;
    private final String problem;

    /**
     * @param file     the file that is wrong
     * @param location where in it, for example {@code "byte offset 16"} or {@code "line 7, column 3"}; may be empty
     * @param problem  what is wrong, in words
     */
    public FileFormatException(Path file, String location, String problem) {
        this(file, location, problem, null);
    }

    public FileFormatException(Path file, String location, String problem, Throwable cause) {
        super(file + ": " + (location.isEmpty() ? "" : location + ": ") + problem, cause);
        this.file = file;
        this.location = location;
        this.problem = problem;
    }

    /** The file that is wrong. */
    public Path file() {
        return file;
    }

    /** Where in the file, for example {@code "byte offset 16"}; empty when the problem is the whole file. */
    public String location() {
        return location;
    }

    /** What is wrong, without the file and location. */
    public String problem() {
        return problem;
    }
}
