package dev.rosenblatt.nn.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers see either the old content or the complete new content, never a part: the
 * content goes to a temporary file in the same directory, is forced to disk, and is then renamed over the target.
 * A crash or an exception midway leaves the old file untouched and removes the temporary file.
 */
public final class AtomicFiles {

    /** What writes the content; it may write anywhere in the channel and need not close it. */
    @FunctionalInterface
    public interface ContentWriter {
        void writeTo(FileChannel channel) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes {@code target} atomically with the content that {@code writer} puts into the channel. */
    public static void write(Path target, ContentWriter writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        // Same directory as the target: a rename within one file system is atomic, across file systems it is not.
        Path temporary = Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                writer.writeTo(channel);
                // Data and size on disk before the rename: otherwise a crash could leave the new name on an empty file.
                channel.force(true);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + absolute + " atomically: the file system does not support"
                        + " an atomic rename", e);
            }
            moved = true;
            forceDirectory(directory);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /**
     * Fails now, saying why, where {@link #write} would fail later: the directory of {@code target} must exist and
     * take a new file, and {@code target} must not be a directory. For a command that writes its result after a long
     * computation (training), so that a wrong path costs no time. A probe file is created and deleted.
     */
    public static void checkWritable(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        if (directory == null) {
            throw new FileSystemException(target.toString(), null, "cannot be written: it names no file");
        }
        if (!Files.isDirectory(directory)) {
            throw new FileSystemException(target.toString(), null, "cannot be written: the directory " + directory
                    + (Files.exists(directory) ? " is not a directory" : " does not exist"));
        }
        if (Files.isDirectory(absolute)) {
            throw new FileSystemException(target.toString(), null, "cannot be written: it is a directory");
        }
        Path probe;
        try {
            probe = Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".tmp");
        } catch (IOException e) {
            String why = e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getClass().getSimpleName();
            throw new FileSystemException(target.toString(), null,
                    "cannot be written: no new file can be created in " + directory + " (" + why + ")");
        }
        Files.deleteIfExists(probe);
    }

    /** Makes the rename itself durable; file systems that cannot sync a directory are left as they are. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform can open a directory for reading; the rename has happened either way.
        }
    }
}
