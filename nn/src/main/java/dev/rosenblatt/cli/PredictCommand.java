package dev.rosenblatt.cli;

import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.Threads;
import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.nn.data.CsvFiles;
import dev.rosenblatt.nn.data.CsvOptions;
import dev.rosenblatt.nn.io.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code predict}: one predicted class per row of a CSV file of features (no label column). */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict the class of every row of a CSV file of features (no label column), one per line.")
final class PredictCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "a model written by train")
    Path model;

    @Option(names = "--input", required = true, description = "CSV file of features, one row per sample")
    Path input;

    @Option(names = "--threads", description = "threads (default: the machine's cores)")
    Integer threads;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int t = threads == null ? Threads.defaultCount() : threads;
        int batch = 256;
        try (OffHeap memory = OffHeap.shared();
             ModelFile.Loaded loaded = ModelFile.load(model, Kernels.preferred(), batch)) {
            F32Matrix x = CsvFiles.loadFeatures(input, CsvOptions.unlabelled(), memory);
            int inputs = loaded.network().architecture().inputs();
            if (x.cols() != inputs) {
                throw new IllegalArgumentException(input + " has " + x.cols() + " columns; the model " + model
                        + " takes " + inputs + " features");
            }
            if (loaded.normalization() != null) {
                loaded.normalization().apply(x);
            }
            PrintWriter out = spec.commandLine().getOut();
            int[] pred = new int[batch];
            for (int from = 0; from < x.rows(); from += batch) {
                int rows = Math.min(batch, x.rows() - from);
                int[] p = rows == batch ? pred : new int[rows];
                Kernels.preferred().argmaxRows(p, (F32Matrix) loaded.network().forward(x.rowRange(from, rows), t));
                for (int r = 0; r < rows; r++) {
                    out.println(p[r]);
                }
            }
            out.flush();
        }
        return 0;
    }
}
