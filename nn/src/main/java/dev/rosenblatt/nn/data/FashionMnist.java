package dev.rosenblatt.nn.data;

import dev.rosenblatt.kernels.memory.OffHeap;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Zalando: 60,000 training and 10,000 test images of 28 x 28 grey pixels, 10 classes of clothing)
 * from the Debian package {@code dataset-fashion-mnist}, which installs it in {@value #DEBIAN_DIRECTORY}.
 */
public final class FashionMnist {

    /** Where the Debian package puts the four gzipped IDX files. */
    public static final String DEBIAN_DIRECTORY = "/usr/share/datasets/fashion-mnist";

    /** The class names, in label order. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Image side in pixels; each image is a row of 28 x 28 = 784 features. */
    public static final int SIDE = 28;

    private FashionMnist() {
    }

    /** The Debian package's directory; throws, saying how to install the package, when the files are not there. */
    public static Path locate() throws NoSuchFileException {
        return locate(Path.of(DEBIAN_DIRECTORY));
    }

    /** {@code directory} when it holds the four files; otherwise throws, saying how to install the package. */
    public static Path locate(Path directory) throws NoSuchFileException {
        if (!IdxDirectory.isIdxDirectory(directory)) {
            throw new NoSuchFileException(directory.toString(), null, "Fashion-MNIST is not installed here."
                    + " Install it with: sudo apt-get install dataset-fashion-mnist (Debian/Ubuntu), or download"
                    + " the four *-ubyte.gz files from https://github.com/zalandoresearch/fashion-mnist into a"
                    + " directory and pass --data DIR");
        }
        return directory;
    }

    /** Loads the Debian package's training and test sets (pixels 0..255; see {@link Normalization#scaleToUnit}). */
    public static TrainTest load(OffHeap memory) throws IOException {
        return load(locate(), memory);
    }

    /** Loads Fashion-MNIST from {@code directory}, with the class names. */
    public static TrainTest load(Path directory, OffHeap memory) throws IOException {
        return IdxDirectory.load(locate(directory), CLASS_NAMES, memory);
    }
}
