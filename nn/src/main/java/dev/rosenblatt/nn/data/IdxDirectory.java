package dev.rosenblatt.nn.data;

import dev.rosenblatt.kernels.memory.OffHeap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A directory with the four files of an MNIST-style dataset under their standard names:
 * {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} and
 * {@code t10k-labels-idx1-ubyte}, each gzipped ({@code .gz}) or not; a dot instead of the last dash
 * ({@code train-images.idx3-ubyte}, as some mirrors name them) is accepted too.
 */
public final class IdxDirectory {

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    private IdxDirectory() {
    }

    /** Whether {@code directory} holds all four files. */
    public static boolean isIdxDirectory(Path directory) {
        for (String name : List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)) {
            if (find(directory, name) == null) {
                return false;
            }
        }
        return true;
    }

    /** Loads the training and test sets, with pixel values 0..255 and one class count for both. */
    public static TrainTest load(Path directory, OffHeap memory) throws IOException {
        return load(directory, List.of(), memory);
    }

    /** As {@link #load(Path, OffHeap)}, with class names (empty for none). */
    public static TrainTest load(Path directory, List<String> classNames, OffHeap memory) throws IOException {
        Path trainImages = require(directory, TRAIN_IMAGES);
        Path trainLabels = require(directory, TRAIN_LABELS);
        Path testImages = require(directory, TEST_IMAGES);
        Path testLabels = require(directory, TEST_LABELS);
        int[] train = IdxFiles.readLabels(trainLabels);
        int[] test = IdxFiles.readLabels(testLabels);
        // One class count for both sets: a class missing from the test set must not shrink the model's output.
        int classCount = Math.max(classNames.size(), 1);
        for (int label : train) {
            classCount = Math.max(classCount, label + 1);
        }
        for (int label : test) {
            classCount = Math.max(classCount, label + 1);
        }
        if (!classNames.isEmpty() && classCount != classNames.size()) {
            throw new IOException(directory + ": labels go up to " + (classCount - 1) + " but there are "
                    + classNames.size() + " class names");
        }
        return new TrainTest(
                IdxFiles.load(trainImages, trainLabels, train, classCount, classNames, memory),
                IdxFiles.load(testImages, testLabels, test, classCount, classNames, memory));
    }

    /** The file for a standard name, in any of the accepted spellings, or null. */
    static Path find(Path directory, String name) {
        String dotted = name.replace("-idx", ".idx");
        for (String candidate : List.of(name, name + ".gz", dotted, dotted + ".gz")) {
            Path file = directory.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }

    private static Path require(Path directory, String name) throws NoSuchFileException {
        Path file = find(directory, name);
        if (file == null) {
            throw new NoSuchFileException(directory.resolve(name).toString(), null, "missing: an IDX dataset"
                    + " directory needs " + TRAIN_IMAGES + ", " + TRAIN_LABELS + ", " + TEST_IMAGES + " and "
                    + TEST_LABELS + " (each may end in .gz)");
        }
        return file;
    }
}
