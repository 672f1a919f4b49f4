package dev.rosenblatt.spark;

import dev.rosenblatt.nn.model.Network;
import dev.rosenblatt.nn.train.TrainingConfig;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Data-parallel training on Spark by synchronous parameter averaging. Each round the driver broadcasts the weights
 * (and the optimizer state, when it is averaged); every partition trains K mini-batches of its shard with the
 * kernels ({@link LocalRound}, in off-heap memory its task opens and closes); the results come back through
 * {@code treeAggregate} and their mean starts the next round. Usable from a user's own Spark application:
 *
 * <pre>{@code
 * JavaRDD<Shard> shards = ParameterAveraging.shards(df, "features", "label", 10);   // or Shard.split + fit(sc, ...)
 * ParameterAveraging.fit(shards, net, config, AveragingConfig.of(8, shards.getNumPartitions()), r -> {});
 * }</pre>
 */
public final class ParameterAveraging {

    /**
     * One round's summary: the mean training loss of its K batches over all partitions, its wall time, and the
     * averaged state the next round starts from (what a checkpoint saves).
     */
    public record RoundStats(int round, int rounds, int epoch, float learningRate, double loss, long samples,
                             double seconds, Weights state) {
    }

    /**
     * Where a resumed run continues: the next round to run, and the optimizer state and step count after the round
     * before it (the weights are the network's). Since a round's result depends only on the seed, the partition,
     * the round and its starting state, a resumed run ends with the same weights as an uninterrupted one.
     */
    public record Start(int round, float[][] optimizerState, long steps) {
    }

    private ParameterAveraging() {
    }

    /**
     * Trains {@code net} (already initialized: its weights start round 0) on shards held by the driver: each shard
     * travels once, in a broadcast of its own, and stays cached on the executors that fetched it.
     */
    public static void fit(JavaSparkContext sc, List<Shard> shards, Network net, TrainingConfig config,
                           AveragingConfig avg, Consumer<RoundStats> onRound) {
        fit(sc, shards, net, config, avg, null, onRound);
    }

    /** As {@link #fit(JavaSparkContext, List, Network, TrainingConfig, AveragingConfig, Consumer)}, resuming at start. */
    public static void fit(JavaSparkContext sc, List<Shard> shards, Network net, TrainingConfig config,
                           AveragingConfig avg, Start start, Consumer<RoundStats> onRound) {
        List<Broadcast<Shard>> pieces = new ArrayList<>(shards.size());
        List<Integer> indices = new ArrayList<>(shards.size());
        for (Shard s : shards) {
            pieces.add(sc.broadcast(s));
            indices.add(indices.size());
        }
        try {
            JavaRDD<Shard> rdd = sc.parallelize(indices, indices.size()).map(i -> pieces.get(i).value());
            int maxRows = shards.stream().mapToInt(Shard::rows).max().orElseThrow();
            run(rdd, maxRows, net, config, avg, start, onRound);
        } finally {
            for (Broadcast<Shard> b : pieces) {
                b.destroy();
            }
        }
    }

    /**
     * Trains {@code net} on an RDD with one {@link Shard} per partition (for example from
     * {@link #shards(org.apache.spark.sql.Dataset, String, String, int)}); persist it first, it is read every round.
     */
    public static void fit(JavaRDD<Shard> shards, Network net, TrainingConfig config, AveragingConfig avg,
                           Consumer<RoundStats> onRound) {
        int maxRows = shards.map(Shard::rows).reduce(Math::max);
        run(shards, maxRows, net, config, avg, null, onRound);
    }

    /**
     * A Spark {@code Dataset<Row>} with an array column of features (float or double) and an integer label column,
     * as one {@link Shard} per partition, persisted (memory, then disk). Partition i's shard gets index i.
     */
    public static JavaRDD<Shard> shards(org.apache.spark.sql.Dataset<Row> rows, String featuresColumn,
                                        String labelColumn, int classCount) {
        JavaRDD<Shard> shards = rows.select(featuresColumn, labelColumn).javaRDD()
                .mapPartitionsWithIndex((p, it) -> {
                    List<float[]> features = new ArrayList<>();
                    List<Integer> labels = new ArrayList<>();
                    while (it.hasNext()) {
                        Row r = it.next();
                        List<Object> f = r.getList(0);
                        float[] x = new float[f.size()];
                        for (int j = 0; j < x.length; j++) {
                            x[j] = ((Number) f.get(j)).floatValue();
                        }
                        features.add(x);
                        labels.add(((Number) r.get(1)).intValue());
                    }
                    int d = features.isEmpty() ? 0 : features.get(0).length;
                    float[] flat = new float[features.size() * d];
                    int[] y = new int[labels.size()];
                    for (int i = 0; i < y.length; i++) {
                        if (features.get(i).length != d) {
                            throw new IllegalArgumentException("partition " + p + ", row " + i + ": "
                                    + features.get(i).length + " features, the first row has " + d);
                        }
                        System.arraycopy(features.get(i), 0, flat, i * d, d);
                        y[i] = labels.get(i);
                    }
                    return List.of(new Shard(p, y.length, d, classCount, flat, y)).iterator();
                }, true);
        return shards.persist(StorageLevel.MEMORY_AND_DISK());
    }

    private static void run(JavaRDD<Shard> shards, int maxRows, Network net, TrainingConfig config,
                            AveragingConfig avg, Start start, Consumer<RoundStats> onRound) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(shards.context());
        Recipe recipe = Recipe.of(net.architecture(), config, avg.threadsPerTask(), avg.dropout());
        int k = avg.localSteps();
        int perEpoch = LocalRound.batchesPerEpoch(maxRows, config.batchSize());
        int rounds = Math.toIntExact(((long) config.epochs() * perEpoch + k - 1) / k);
        int depth = Math.max(2, (int) Math.ceil(Math.log(Math.max(2, shards.getNumPartitions())) / Math.log(4)));
        Weights current = start == null ? new Weights(net.parameterVector().toArray(), new float[0][], 0, 0, 0)
                : new Weights(net.parameterVector().toArray(), start.optimizerState(), start.steps(), 0, 0);
        for (int round = start == null ? 0 : start.round(); round < rounds; round++) {
            long began = System.nanoTime();
            int epoch = (int) Math.min(config.epochs() - 1, (long) round * k / perEpoch);
            float lr = config.schedule().rate(config.learningRate(), epoch, config.epochs());
            Broadcast<Weights> weights = sc.broadcast(current);
            long r = round;
            int failRound = avg.failRound();
            WeightSum sum = shards.map(shard -> {
                if (failRound == r && shard.index() == 0 && TaskContext.get() != null
                        && TaskContext.get().attemptNumber() == 0) {
                    throw new IllegalStateException("injected failure: partition 0, round " + r + ", attempt 0");
                }
                return LocalRound.run(recipe, shard, weights.value(), r, k, lr);
            }).treeAggregate(new WeightSum(), WeightSum::add, WeightSum::merge, depth);
            weights.destroy();
            Weights mean = sum.mean();
            current = avg.averageOptimizerState() ? mean
                    : new Weights(mean.parameters(), new float[0][], 0, mean.lossSum(), mean.samples());
            // The driver's network follows every round, so callers can evaluate or checkpoint it.
            net.parameterVector().copyFrom(current.parameters());
            onRound.accept(new RoundStats(round + 1, rounds, epoch + 1, lr, mean.lossSum() / mean.samples(),
                    mean.samples(), (System.nanoTime() - began) / 1e9, current));
        }
    }
}
