package dev.rosenblatt.cli;

import dev.rosenblatt.kernels.Activation;
import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.nn.io.AtomicFiles;
import dev.rosenblatt.nn.io.ModelFile;
import dev.rosenblatt.nn.model.Architecture;
import dev.rosenblatt.nn.model.Init;
import dev.rosenblatt.nn.model.LayerSpec;
import dev.rosenblatt.nn.model.Loss;
import dev.rosenblatt.nn.model.Network;
import dev.rosenblatt.nn.model.Precision;
import dev.rosenblatt.nn.train.Evaluation;
import dev.rosenblatt.nn.train.Schedule;
import dev.rosenblatt.nn.train.TrainingConfig;
import dev.rosenblatt.spark.AveragingConfig;
import dev.rosenblatt.spark.ExecutorJvmOptions;
import dev.rosenblatt.spark.ParameterAveraging;
import dev.rosenblatt.spark.Shard;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code rosenblatt spark-train}: the data-parallel version of {@code train}, on a Spark master (local[N],
 * local-cluster[...] or a cluster URL), by parameter averaging every K local steps. Same data, network and optimizer
 * options; a progress line per round; a safetensors model at the end.
 */
@Command(name = "spark-train", mixinStandardHelpOptions = true,
        description = "Train an MLP data-parallel on Apache Spark: each partition trains K mini-batches of its "
                + "slice, then the weights (and optimizer state) are averaged.")
public final class SparkTrainCommand implements Callable<Integer>, RosenblattCommand {

    @Option(names = "--master", defaultValue = "local[2]", description = "Spark master (default ${DEFAULT-VALUE})")
    String master;

    @Option(names = "--partitions", description = "data partitions (default: spark.default.parallelism)")
    Integer partitions;

    @Option(names = {"-k", "--local-steps"}, defaultValue = "16",
            description = "mini-batches each partition trains between averages (default ${DEFAULT-VALUE})")
    int localSteps;

    @Option(names = "--average-state", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "average the optimizer state (momentum, Adam moments) too; --no-average-state restarts it "
                    + "every round (default ${DEFAULT-VALUE})")
    boolean averageState;

    @Option(names = "--threads-per-task", defaultValue = "1",
            description = "GEMM threads in each task (default ${DEFAULT-VALUE})")
    int threadsPerTask;

    @Option(names = "--data", defaultValue = "spirals",
            description = "spirals, xor, blobs, fashion-mnist, a directory of IDX files, or a CSV file")
    String data;

    @Option(names = "--layers", split = ",", description = "hidden layer sizes (default as for train)")
    int[] layers;

    @Option(names = "--activation", defaultValue = "relu", description = "hidden activation (default ${DEFAULT-VALUE})")
    String activation;

    @Option(names = "--loss", defaultValue = "cross-entropy", description = "loss (default ${DEFAULT-VALUE})")
    String loss;

    @Option(names = "--optimizer", defaultValue = "adam", description = "sgd, momentum, nesterov, adam or adamw "
            + "(default ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--lr", description = "learning rate (default as for train)")
    Float learningRate;

    @Option(names = "--schedule", defaultValue = "cosine", description = "constant, cosine or step:EVERY:GAMMA, by "
            + "epoch (default ${DEFAULT-VALUE})")
    String schedule;

    @Option(names = "--weight-decay", defaultValue = "0", description = "L2 weight decay (default ${DEFAULT-VALUE})")
    float weightDecay;

    @Option(names = "--batch", defaultValue = "128", description = "mini-batch size per partition (default "
            + "${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--epochs", description = "passes over each partition's slice (default as for train)")
    Integer epochs;

    @Option(names = "--seed", defaultValue = "1", description = "seed of every random choice (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--init", description = "weight initialization (default: He for ReLU-like, Glorot otherwise)")
    String init;

    @Option(names = "--output", defaultValue = "model.safetensors", description = "model file (default ${DEFAULT-VALUE})")
    Path output;

    @Option(names = "--dropout", defaultValue = "0", description = "dropout probability on hidden layers in every "
            + "local step (default ${DEFAULT-VALUE})")
    float dropout;

    @Option(names = "--validation", defaultValue = "0", description = "fraction of the training set held out and "
            + "evaluated at the end of every epoch (default ${DEFAULT-VALUE})")
    double validation;

    @Option(names = "--checkpoint", description = "checkpoint written after every round (default: OUTPUT with "
            + ".checkpoint.safetensors)")
    Path checkpoint;

    @Option(names = "--resume", description = "continue from the checkpoint, with the options of the interrupted run")
    boolean resume;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Kernels kernels = Kernels.preferred();
        try (OffHeap memory = OffHeap.shared()) {
            DataSource source = DataSource.load(data, seed, 0.2, memory);
            int[] hidden = layers != null ? layers : source.defaultHidden();
            int epochCount = epochs != null ? epochs : source.defaultEpochs();
            float lr = learningRate != null ? learningRate : source.defaultLearningRate(optimizer);
            Activation act = LayerSpec.activation(activation);
            Architecture arch = Architecture.mlp(source.train().featureCount(), hidden, act,
                    source.train().classCount(), Loss.parse(loss));
            TrainingConfig config = new TrainingConfig(epochCount, batch, optimizer, lr, Schedule.parse(schedule),
                    weightDecay, 1, seed, 0);
            SparkConf conf = new SparkConf().setMaster(master).setAppName("rosenblatt spark-train")
                    .setIfMissing("spark.ui.enabled", "false").setIfMissing("spark.log.level", "WARN");
            ExecutorJvmOptions.addTo(conf);
            if (master.startsWith("local-cluster")) {
                // Executors without a Spark distribution: they load our classes (and Spark's) from ours.
                conf.set("spark.executor.extraClassPath", absoluteClasspath());
            }
            try (JavaSparkContext sc = new JavaSparkContext(conf);
                 Network net = new Network(arch, Precision.FLOAT32, batch, kernels)) {
                int p = partitions != null ? partitions : sc.defaultParallelism();
                AveragingConfig avg = new AveragingConfig(localSteps, p, averageState, threadsPerTask, -1, dropout);
                dev.rosenblatt.nn.data.Dataset trainSet = source.train();
                dev.rosenblatt.nn.data.Dataset checkSet = null;
                if (validation > 0) {
                    dev.rosenblatt.nn.data.TrainValidation tv = source.train().shuffleSplit(validation, seed);
                    trainSet = tv.train();
                    checkSet = tv.validation();
                }
                List<Shard> shards = Shard.split(trainSet, p, seed);
                out.printf("data      %s: %d training and %d test samples in %d partitions of about %d%n",
                        source.name(), source.train().size(), source.test().size(), p, shards.getFirst().rows());
                out.printf("network   %s, %s, %s at %s (%s), batch %d, %d epochs of each slice, seed %d%n",
                        arch.describe(), act.label(), optimizer, lr, schedule, batch, epochCount, seed);
                out.printf("spark     %s, K = %d local steps per round, optimizer state %s, kernels %s%n", master,
                        localSteps, averageState ? "averaged" : "restarted each round", kernels.provider().describe());
                out.flush();
                net.initialize(init == null ? null : Init.parse(init), seed);
                Path ckpt = checkpoint != null ? checkpoint : Path.of(output + ".checkpoint.safetensors");
                // As train does: files written after training begins are checked before it begins.
                AtomicFiles.checkWritable(output);
                AtomicFiles.checkWritable(ckpt);
                ParameterAveraging.Start resumeFrom = resume ? SparkCheckpoint.load(ckpt, net, out) : null;
                long start = System.nanoTime();
                dev.rosenblatt.nn.data.Dataset check = checkSet;
                int[] lastEpoch = {resumeFrom == null ? 0 : -1};
                ParameterAveraging.fit(sc, shards, net, config, avg, resumeFrom, r -> {
                    out.printf("round %4d/%d  epoch %d  lr %.5f  loss %.4f  %,.0f samples/s  %.3f s%n", r.round(),
                            r.rounds(), r.epoch(), r.learningRate(), r.loss(), r.samples() / r.seconds(),
                            r.seconds());
                    try {
                        SparkCheckpoint.save(ckpt, net, source.normalization(), r);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    if (check != null && (r.round() == r.rounds() || lastEpoch[0] != r.epoch())) {
                        Evaluation v = Evaluation.of(net, kernels, check.features(), check.labels(), batch, 1);
                        out.printf("validation after round %d: loss %.4f, accuracy %.2f%%%n", r.round(), v.loss(),
                                100 * v.confusion().accuracy());
                    }
                    lastEpoch[0] = r.epoch();
                    out.flush();
                });
                double seconds = (System.nanoTime() - start) / 1e9;
                ModelFile.save(output, net, source.normalization());
                Evaluation test = Evaluation.of(net, kernels, source.test().features(), source.test().labels(),
                        batch, 1);
                out.printf("done      test accuracy %.2f%% (loss %.4f) after %.1f s of training (%,.0f samples/s); "
                                + "model written to %s%n", 100 * test.confusion().accuracy(), test.loss(), seconds,
                        (double) epochCount * source.train().size() / seconds, output);
            }
        }
        return 0;
    }

    private static String absoluteClasspath() {
        StringBuilder cp = new StringBuilder();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!cp.isEmpty()) {
                cp.append(File.pathSeparator);
            }
            cp.append(new File(entry).getAbsolutePath());
        }
        return cp.toString();
    }
}
