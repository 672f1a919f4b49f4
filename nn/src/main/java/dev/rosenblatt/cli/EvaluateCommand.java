package dev.rosenblatt.cli;

import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.Threads;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.nn.io.ModelFile;
import dev.rosenblatt.nn.train.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code evaluate}: a model's accuracy, per-class precision and recall, and confusion matrix on a test set. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Accuracy and confusion matrix of a model on the test part of --data.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "a model written by train")
    Path model;

    @Option(names = "--data", required = true,
            description = "spirals, xor, blobs, fashion-mnist, a directory of IDX files, or a CSV file")
    String data;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the synthetic sets and of the CSV hold-out "
            + "(use the training run's) (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", description = "threads (default: the machine's cores)")
    Integer threads;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int t = threads == null ? Threads.defaultCount() : threads;
        try (OffHeap memory = OffHeap.shared();
             ModelFile.Loaded loaded = ModelFile.load(model, Kernels.preferred(), 256)) {
            DataSource source = DataSource.load(data, seed, 0.2, memory);
            if (source.test().featureCount() != loaded.network().architecture().inputs()) {
                throw new IllegalArgumentException("the model " + model + " takes "
                        + loaded.network().architecture().inputs() + " features; " + source.name() + " has "
                        + source.test().featureCount());
            }
            Evaluation e = Evaluation.of(loaded.network(), Kernels.preferred(), source.test().features(),
                    source.test().labels(), 256, t);
            spec.commandLine().getOut().printf("%s on %s (%d test samples): loss %.4f%n%s", model, source.name(),
                    source.test().size(), e.loss(),
                    e.confusion().format(source.test().classNames().toArray(String[]::new)));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
