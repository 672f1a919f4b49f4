package dev.rosenblatt.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rosenblatt.kernels.Activation;
import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.Threads;
import dev.rosenblatt.kernels.memory.F32Vector;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.nn.io.AtomicFiles;
import dev.rosenblatt.nn.io.ModelFile;
import dev.rosenblatt.nn.model.Architecture;
import dev.rosenblatt.nn.model.Init;
import dev.rosenblatt.nn.model.LayerSpec;
import dev.rosenblatt.nn.model.Loss;
import dev.rosenblatt.nn.model.Network;
import dev.rosenblatt.nn.model.Precision;
import dev.rosenblatt.nn.train.EpochStats;
import dev.rosenblatt.nn.train.Evaluation;
import dev.rosenblatt.nn.train.Schedule;
import dev.rosenblatt.nn.train.Trainer;
import dev.rosenblatt.nn.train.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code train}: builds an MLP for the data, trains it with mini-batch gradient descent, checkpoints every epoch and
 * writes the model. With no options: a small deep network on the built-in two-spirals set, in seconds.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a multi-layer perceptron. With no options: a 2-64-64-64-2 network on the built-in "
                + "two-spirals set, in a few seconds.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", defaultValue = "spirals",
            description = "spirals, xor, blobs, fashion-mnist, a directory of IDX files, or a CSV file (label last)"
                    + " (default ${DEFAULT-VALUE})")
    String data;

    @Option(names = "--layers", split = ",", description = "hidden layer sizes, e.g. 256,128 (default: 64,64,64 for "
            + "synthetic sets, 512,256 for images, 64,64 for CSV)")
    int[] layers;

    @Option(names = "--activation", defaultValue = "relu", description = "hidden activation: relu, leaky_relu, elu, "
            + "gelu, gelu_tanh, silu, tanh, sigmoid, softplus, identity, step (default ${DEFAULT-VALUE})")
    String activation;

    @Option(names = "--loss", defaultValue = "cross-entropy", description = "cross-entropy, mse, bce or hinge "
            + "(default ${DEFAULT-VALUE})")
    String loss;

    @Option(names = "--optimizer", defaultValue = "adam", description = "sgd, momentum, nesterov, adam or adamw "
            + "(default ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--lr", description = "learning rate (default 0.01 for synthetic sets, 0.001 otherwise with "
            + "Adam; 0.1 with SGD)")
    Float learningRate;

    @Option(names = "--schedule", defaultValue = "cosine", description = "constant, cosine or step:EVERY:GAMMA "
            + "(default ${DEFAULT-VALUE})")
    String schedule;

    @Option(names = "--weight-decay", defaultValue = "0", description = "L2 weight decay (default ${DEFAULT-VALUE})")
    float weightDecay;

    @Option(names = "--batch", defaultValue = "128", description = "mini-batch size (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--epochs", description = "epochs (default 60 for synthetic sets, 15 for images, 30 for CSV)")
    Integer epochs;

    @Option(names = "--threads", description = "threads for the matrix multiplies (default: the machine's cores)")
    Integer threads;

    @Option(names = "--seed", defaultValue = "1", description = "seed of every random choice (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--init", description = "glorot_uniform, glorot_normal, he_uniform, he_normal (default: He for "
            + "the ReLU family, Glorot otherwise)")
    String init;

    @Option(names = "--dropout", defaultValue = "0", description = "dropout probability on hidden layers while "
            + "training (default ${DEFAULT-VALUE})")
    float dropout;

    @Option(names = "--validation", defaultValue = "0", description = "fraction of the training set held out for "
            + "validation (early stopping and the per-epoch figures use it instead of the test set) "
            + "(default ${DEFAULT-VALUE})")
    double validation;

    @Option(names = "--patience", defaultValue = "0", description = "stop after this many epochs without a better "
            + "test/validation loss; 0: never (default ${DEFAULT-VALUE})")
    int patience;

    @Option(names = "--output", defaultValue = "model.safetensors", description = "model file (default ${DEFAULT-VALUE})")
    Path output;

    @Option(names = "--checkpoint", description = "checkpoint file, written every epoch (default: OUTPUT with "
            + ".checkpoint.safetensors)")
    Path checkpoint;

    @Option(names = "--resume", description = "continue from the checkpoint instead of starting afresh")
    boolean resume;

    @Option(names = "--stop-after", description = "stop after this epoch, as if interrupted (the checkpoint "
            + "is kept; continue with --resume and the same options)")
    Integer stopAfter;

    @Option(names = "--plot", description = "draw the loss and accuracy curves into this PNG file")
    Path plot;

    @Option(names = "--json-log", description = "append one JSON object per epoch to this file")
    Path jsonLog;

    @Option(names = "--spark", description = "train data-parallel on this Spark master (local[2], "
            + "local-cluster[2,1,1024], spark://host:7077, ...) through the spark module; with -k, --partitions, "
            + "--[no-]average-state")
    String spark;

    @Option(names = {"-k", "--local-steps"}, description = "with --spark: mini-batches per partition between averages")
    Integer localSteps;

    @Option(names = "--partitions", description = "with --spark: data partitions")
    Integer partitions;

    @Option(names = "--average-state", negatable = true, description = "with --spark: average the optimizer state "
            + "too (default true)")
    Boolean averageState;

    /** Options of single-machine training that the Spark trainer does not have (yet). */
    private static final java.util.Set<String> NOT_ON_SPARK = java.util.Set.of("--patience", "--stop-after",
            "--json-log", "--plot");

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (spark != null) {
            return delegateToSpark();
        }
        if (localSteps != null || partitions != null || averageState != null) {
            throw new IllegalArgumentException("-k, --partitions and --average-state only apply with --spark MASTER");
        }
        PrintWriter out = spec.commandLine().getOut();
        int t = threads == null ? Threads.defaultCount() : threads;
        Kernels kernels = Kernels.preferred();
        try (OffHeap memory = OffHeap.shared()) {
            long loadStart = System.nanoTime();
            DataSource source = DataSource.load(data, seed, 0.2, memory);
            int[] hidden = layers != null ? layers : source.defaultHidden();
            int epochCount = epochs != null ? epochs : source.defaultEpochs();
            float lr = learningRate != null ? learningRate : source.defaultLearningRate(optimizer);
            Activation act = LayerSpec.activation(activation);
            Architecture arch = Architecture.mlp(source.train().featureCount(), hidden, act,
                    source.train().classCount(), Loss.parse(loss));
            TrainingConfig config = new TrainingConfig(epochCount, batch, optimizer, lr, Schedule.parse(schedule),
                    weightDecay, t, seed, patience);
            out.printf("data      %s: %d training and %d test samples, %d features, %d classes (loaded in %.2f s)%n",
                    source.name(), source.train().size(), source.test().size(), source.train().featureCount(),
                    source.train().classCount(), (System.nanoTime() - loadStart) / 1e9);
            out.printf("network   %s, %s hidden, %s loss, %d parameters%n", arch.describe(), act.label(),
                    arch.loss().label(), net(arch));
            out.printf("training  %d epochs of batch %d, %s at %s (%s schedule), %d thread(s), seed %d, kernels %s%n",
                    epochCount, batch, optimizer, lr, schedule, t, seed, kernels.provider().describe());
            out.flush();
            Path ckpt = checkpoint != null ? checkpoint : Path.of(output + ".checkpoint.safetensors");
            // Every file written after training begins, checked before it begins: a wrong path costs no epochs.
            for (Path file : new Path[] {output, ckpt, plot}) {
                if (file != null) {
                    AtomicFiles.checkWritable(file);
                }
            }
            try (Network net = new Network(arch, Precision.FLOAT32, batch, kernels);
                 Trainer trainer = new Trainer(net, kernels, config);
                 BufferedWriter log = jsonLog == null ? null : Files.newBufferedWriter(jsonLog)) {
                net.setDropout(dropout, seed);
                dev.rosenblatt.nn.data.Dataset trainSet = source.train();
                dev.rosenblatt.nn.data.Dataset checkSet = source.test();
                if (validation > 0) {
                    dev.rosenblatt.nn.data.TrainValidation tv = source.train().shuffleSplit(validation, seed);
                    trainSet = tv.train();
                    checkSet = tv.validation();
                    out.printf("validation %d samples held out of the training set; the test set is used once, at "
                            + "the end%n", checkSet.size());
                }
                int firstEpoch = 0;
                if (resume) {
                    firstEpoch = restore(ckpt, net, trainer, out);
                } else {
                    net.initialize(init == null ? null : Init.parse(init), seed);
                }
                long start = System.nanoTime();
                java.util.List<EpochStats> history = new java.util.ArrayList<>();
                try {
                    trainer.fit(trainSet.features(), trainSet.labels(), checkSet.features(),
                        checkSet.labels(), firstEpoch, s -> {
                            report(out, s);
                            history.add(s);
                            try {
                                writeLog(log, s);
                                saveCheckpoint(ckpt, net, trainer, source, s.epoch());
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                            if (stopAfter != null && s.epoch() >= stopAfter && s.epoch() < s.epochs()) {
                                throw new Stopped(s.epoch());
                            }
                        });
                } catch (Stopped stopped) {
                    out.printf("stopped   after epoch %d; the checkpoint %s holds it (continue with --resume)%n",
                            stopped.epoch, ckpt);
                    return 0;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                ModelFile.save(output, net, source.normalization());
                if (plot != null) {
                    TrainingPlot.write(plot, history, source.name() + " " + arch.describe());
                    out.printf("plot      %s%n", plot);
                }
                Evaluation test = trainer.evaluate(source.test().features(), source.test().labels());
                out.printf("done      test accuracy %.2f%% (loss %.4f) after %.1f s of training; model written to %s%n",
                        100 * test.confusion().accuracy(), test.loss(), seconds, output);
            }
        }
        return 0;
    }

    /**
     * {@code train --spark MASTER ...} is {@code spark-train --master MASTER ...}: the spark module contributes that
     * command when it is on the classpath (the launcher's is); nn itself knows nothing of Spark.
     */
    private int delegateToSpark() {
        picocli.CommandLine sparkTrain = spec.root().commandLine().getSubcommands().get("spark-train");
        if (sparkTrain == null) {
            throw new IllegalStateException("--spark needs the spark module (rosenblatt-spark) and Apache Spark on the "
                    + "classpath; ./rosenblatt has both");
        }
        java.util.List<String> args = new java.util.ArrayList<>();
        // The original arguments start at the root command: skip up to and including "train".
        java.util.List<String> original = spec.commandLine().getParseResult().originalArgs();
        int start = original.indexOf(spec.name()) + 1;
        for (int i = start; i < original.size(); i++) {
            String a = original.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (NOT_ON_SPARK.contains(name)) {
                throw new IllegalArgumentException(name + " is not supported with --spark (yet)");
            }
            if (name.equals("--spark")) {
                args.add(a.contains("=") ? "--master=" + a.substring(a.indexOf('=') + 1) : "--master");
            } else if (name.equals("--threads")) {
                args.add(a.contains("=") ? "--threads-per-task=" + a.substring(a.indexOf('=') + 1) : "--threads-per-task");
            } else {
                args.add(a);
            }
        }
        return sparkTrain.execute(args.toArray(String[]::new));
    }

    private static long net(Architecture arch) {
        long n = 0;
        for (int l = 0; l < arch.layers().size(); l++) {
            n += (long) (arch.fanIn(l) + 1) * arch.layers().get(l).units();
        }
        return n;
    }

    private static void report(PrintWriter out, EpochStats s) {
        double left = s.seconds() * (s.epochs() - s.epoch());
        out.printf("epoch %3d/%d  [%s]  loss %.4f  acc %.2f%%  check loss %.4f  check acc %.2f%%  %,.0f samples/s  "
                        + "%.2f s  ~%.0f s left%n", s.epoch(), s.epochs(), bar(s.epoch(), s.epochs()), s.trainLoss(),
                100 * s.trainAccuracy(), s.validationLoss(), 100 * s.validationAccuracy(), s.samplesPerSecond(),
                s.seconds(), left);
        out.flush();
    }

    private static String bar(int done, int total) {
        int width = 20;
        int filled = (int) Math.round((double) width * done / total);
        return "#".repeat(filled) + ".".repeat(width - filled);
    }

    private static void writeLog(BufferedWriter log, EpochStats s) throws IOException {
        if (log == null) {
            return;
        }
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("epoch", s.epoch()).put("train_loss", s.trainLoss()).put("train_accuracy", s.trainAccuracy())
                .put("test_loss", s.validationLoss()).put("test_accuracy", s.validationAccuracy())
                .put("seconds", s.seconds()).put("samples_per_s", s.samplesPerSecond())
                .put("learning_rate", s.learningRate());
        log.write(o.toString());
        log.newLine();
        log.flush();
    }

    private static void saveCheckpoint(Path file, Network net, Trainer trainer, DataSource source, int epoch)
            throws IOException {
        Map<String, F32Vector> state = new LinkedHashMap<>();
        F32Vector[] s = trainer.optimizer().state();
        for (int k = 0; k < s.length; k++) {
            state.put("optimizer." + k, s[k]);
        }
        ModelFile.save(file, net, source.normalization(), state,
                Map.of("rosenblatt.epoch", Integer.toString(epoch), "rosenblatt.step", Long.toString(trainer.steps())));
    }

    /** Loads weights, optimizer state and step count; returns the epoch to continue from. */
    private static int restore(Path file, Network net, Trainer trainer, PrintWriter out) throws IOException {
        if (!Files.exists(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "--resume: no checkpoint to resume from");
        }
        try (ModelFile.Loaded loaded = ModelFile.load(file, Kernels.preferred(), 1)) {
            if (!loaded.network().architecture().equals(net.architecture())) {
                throw new IllegalArgumentException("--resume: the checkpoint " + file + " holds a "
                        + loaded.network().architecture().describe() + " network, not " + net.architecture().describe()
                        + " (use the options of the interrupted run)");
            }
            // Same architecture, so the parameter blocks have the same layout.
            net.parameterMemory().copyFrom(loaded.network().parameterMemory());
            F32Vector[] s = trainer.optimizer().state();
            for (int k = 0; k < s.length; k++) {
                ModelFile.readVector(file, "optimizer." + k, s[k]);
            }
            int epoch = Integer.parseInt(loaded.metadata().getOrDefault("rosenblatt.epoch", "0"));
            trainer.setSteps(Long.parseLong(loaded.metadata().getOrDefault("rosenblatt.step", "0")));
            out.printf("resumed   from %s after epoch %d%n", file, epoch);
            return epoch;
        }
    }

    /** Thrown from the epoch callback to stop a run early (--stop-after). */
    private static final class Stopped extends RuntimeException {
        final int epoch;

        Stopped(int epoch) {
            super(null, null, false, false);
            this.epoch = epoch;
        }
    }
}
