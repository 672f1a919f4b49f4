package dev.rosenblatt.cli;

import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.nn.data.CsvFiles;
import dev.rosenblatt.nn.data.CsvOptions;
import dev.rosenblatt.nn.data.Dataset;
import dev.rosenblatt.nn.data.FashionMnist;
import dev.rosenblatt.nn.data.IdxDirectory;
import dev.rosenblatt.nn.data.Normalization;
import dev.rosenblatt.nn.data.SyntheticData;
import dev.rosenblatt.nn.data.TrainTest;
import dev.rosenblatt.nn.data.TrainValidation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code --data} names, loaded and normalized: a built-in synthetic set (spirals, xor, blobs), fashion-mnist
 * (the Debian package), a directory of IDX files, or a CSV file. Sets without a test part get one held out.
 */
record DataSource(String name, Dataset train, Dataset test, Normalization normalization, boolean images) {

    static DataSource load(String spec, long seed, double holdOut, OffHeap memory) throws IOException {
        String s = spec.trim();
        switch (s.toLowerCase(Locale.ROOT)) {
            case "spirals", "two-spirals" -> {
                return synthetic("two spirals", SyntheticData.twoSpirals(1500, 0.04, seed, memory), seed);
            }
            case "xor" -> {
                return synthetic("noisy XOR clusters", SyntheticData.xorClusters(500, 0.2, seed, memory), seed);
            }
            case "blobs" -> {
                return synthetic("Gaussian blobs", SyntheticData.blobs(400, 5, 8, 1.0, seed, memory), seed);
            }
            case "fashion-mnist", "fashion" -> {
                TrainTest tt = FashionMnist.load(memory);
                return images("Fashion-MNIST", tt);
            }
            default -> {
                Path path = Path.of(s);
                if (Files.isDirectory(path)) {
                    return images(path.toString(), IdxDirectory.load(path, memory));
                }
                if (!Files.exists(path)) {
                    throw new NoSuchFileException(s, null, "--data: not a built-in set (spirals, xor, blobs, "
                            + "fashion-mnist), a directory of IDX files or a CSV file");
                }
                Dataset all = CsvFiles.load(path, CsvOptions.defaults(), memory);
                TrainValidation tv = all.shuffleSplit(holdOut, seed);
                Normalization norm = Normalization.fitStandardize(tv.train());
                norm.apply(tv.train());
                norm.apply(tv.validation());
                return new DataSource(path.getFileName().toString(), tv.train(), tv.validation(), norm, false);
            }
        }
    }

    /** Whether this is one of the built-in synthetic sets (small, unnormalized). */
    boolean synthetic() {
        return !images && normalization.kind().equals("identity");
    }

    /** The hidden sizes to use when none are given: small for synthetic sets and CSV, 512-256 for images. */
    int[] defaultHidden() {
        return synthetic() ? new int[] {64, 64, 64} : images ? new int[] {512, 256} : new int[] {64, 64};
    }

    /** The epochs to use when none are given (train and spark-train share these defaults). */
    int defaultEpochs() {
        return synthetic() ? 60 : images ? 15 : 30;
    }

    /** The learning rate to use when none is given: 0.1 for plain SGD, else 0.01 (synthetic) or 0.001. */
    float defaultLearningRate(String optimizer) {
        return optimizer.equalsIgnoreCase("sgd") ? 0.1f : synthetic() ? 0.01f : 0.001f;
    }

    private static DataSource synthetic(String name, Dataset all, long seed) {
        TrainValidation tv = all.shuffleSplit(0.2, seed);
        return new DataSource(name, tv.train(), tv.validation(), Normalization.identity(all.featureCount()), false);
    }

    private static DataSource images(String name, TrainTest tt) {
        Normalization norm = Normalization.scaleToUnit(tt.train().featureCount(), 255f);
        norm.apply(tt.train());
        norm.apply(tt.test());
        return new DataSource(name, tt.train(), tt.test(), norm, true);
    }
}
