package dev.rosenblatt.spark;

import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.Activation;
import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.F32Vector;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.nn.data.Dataset;
import dev.rosenblatt.nn.data.Shuffling;
import dev.rosenblatt.nn.data.SyntheticData;
import dev.rosenblatt.nn.model.Architecture;
import dev.rosenblatt.nn.model.Loss;
import dev.rosenblatt.nn.model.Network;
import dev.rosenblatt.nn.model.Precision;
import dev.rosenblatt.nn.train.Schedule;
import dev.rosenblatt.nn.train.Trainer;
import dev.rosenblatt.nn.train.TrainingConfig;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parameter averaging in local[2] (2 attempts per task) against the same averaging computed without Spark. */
class ParameterAveragingTest {

    static final Architecture ARCH = Architecture.mlp(6, new int[] {16}, Activation.RELU, 3, Loss.SOFTMAX_CROSS_ENTROPY);
    static final int BATCH = 16;

    static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2,2]").setAppName("rosenblatt-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.task.maxFailures", "2"));   // local[N,F]: F attempts per task in local mode
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    static List<Shard> shards(int partitions) {
        try (OffHeap memory = OffHeap.confined()) {
            Dataset all = SyntheticData.blobs(100, 3, 6, 1.5, 7, memory);   // 300 rows
            return Shard.split(all, partitions, 11);
        }
    }

    static TrainingConfig config(String optimizer, int epochs) {
        return new TrainingConfig(epochs, BATCH, optimizer, 0.05f, new Schedule.Constant(), 0f, 1, 42, 0);
    }

    static float[] initial() {
        try (Network net = new Network(ARCH, Precision.FLOAT32, BATCH, Kernels.preferred())) {
            net.initialize(null, 42);
            return net.parameterVector().toArray();
        }
    }

    /** Spark's result: a fresh network from {@link #initial()}, trained by parameter averaging. */
    static float[] spark(JavaSparkContext context, List<Shard> shards, TrainingConfig config, AveragingConfig avg,
                         List<ParameterAveraging.RoundStats> rounds) {
        try (Network net = new Network(ARCH, Precision.FLOAT32, BATCH, Kernels.preferred())) {
            net.parameterVector().copyFrom(initial());
            ParameterAveraging.fit(context, shards, net, config, avg, rounds::add);
            return net.parameterVector().toArray();
        }
    }

    /**
     * The same scheme written out without Spark or LocalRound: per round, each shard trains K steps of its own
     * batch sequence from the mean of the previous round with a plain Trainer; the float64 mean is rounded to float.
     */
    static float[] reference(List<Shard> shards, TrainingConfig config, int k, int rounds) {
        Kernels kernels = Kernels.preferred();
        float[] params = initial();
        float[][] state = null;
        long steps = 0;
        Recipe recipe = Recipe.of(ARCH, config, 1, 0f);
        for (int r = 0; r < rounds; r++) {
            double[] sum = new double[params.length];
            double[][] stateSum = null;
            for (Shard shard : shards) {
                try (OffHeap memory = OffHeap.confined();
                     Network net = new Network(ARCH, Precision.FLOAT32, BATCH, kernels);
                     Trainer trainer = new Trainer(net, kernels, config)) {
                    net.parameterVector().copyFrom(params);
                    F32Vector[] s = trainer.optimizer().state();
                    if (state != null) {
                        for (int i = 0; i < s.length; i++) {
                            s[i].copyFrom(state[i]);
                        }
                    }
                    trainer.setSteps(steps);
                    Dataset data = shard.toDataset(memory);
                    int perEpoch = (shard.rows() + BATCH - 1) / BATCH;
                    int[] order = new int[shard.rows()];
                    for (int j = 0; j < k; j++) {
                        int step = r * k + j;
                        Shuffling.epochOrder(order, recipe.partitionSeed(shard.index()), step / perEpoch);
                        int from = (step % perEpoch) * BATCH;
                        int n = Math.min(BATCH, shard.rows() - from);
                        F32Matrix x = memory.f32Matrix(n, shard.featureCount());
                        int[] y = new int[n];
                        data.gather(order, from, n, x, y);
                        trainer.step(x, y, config.learningRate());
                    }
                    float[] p = net.parameterVector().toArray();
                    for (int i = 0; i < p.length; i++) {
                        sum[i] += p[i];
                    }
                    if (stateSum == null) {
                        stateSum = new double[s.length][params.length];
                    }
                    for (int i = 0; i < s.length; i++) {
                        float[] v = s[i].toArray();
                        for (int q = 0; q < v.length; q++) {
                            stateSum[i][q] += v[q];
                        }
                    }
                    steps = trainer.steps();
                }
            }
            for (int i = 0; i < params.length; i++) {
                params[i] = (float) (sum[i] / shards.size());
            }
            state = new float[stateSum.length][params.length];
            for (int i = 0; i < stateSum.length; i++) {
                for (int q = 0; q < params.length; q++) {
                    state[i][q] = (float) (stateSum[i][q] / shards.size());
                }
            }
        }
        return params;
    }

    @Test
    void twoPartitionsGiveTheAverageOfTwoTrainingsBitwise() {
        List<Shard> shards = shards(2);
        // 150 rows a shard, batch 16: 10 batches an epoch; 2 epochs, K = 4: 5 rounds, the last one crossing
        // into the second epoch's shuffle, and a short tail batch in each epoch.
        TrainingConfig config = config("momentum", 2);
        List<ParameterAveraging.RoundStats> rounds = new ArrayList<>();
        float[] viaSpark = spark(sc, shards, config, AveragingConfig.of(4, 2), rounds);
        assertEquals(5, rounds.size());
        assertArrayEquals(reference(shards, config, 4, 5), viaSpark, 0f, "equal to the last bit");
        assertTrue(rounds.getLast().loss() < rounds.getFirst().loss(), "the loss falls: " + rounds);
    }

    @Test
    void aTaskThatFailsOnceAndIsRetriedChangesNothing() {
        List<Shard> shards = shards(2);
        TrainingConfig config = config("adam", 1);
        AveragingConfig avg = AveragingConfig.of(3, 2);
        float[] clean = spark(sc, shards, config, avg, new ArrayList<>());
        float[] retried = spark(sc, shards, config, avg.withFailRound(1), new ArrayList<>());
        assertArrayEquals(clean, retried, 0f);
    }

    @Test
    void withoutStateAveragingEveryRoundStartsTheOptimizerAfresh() {
        List<Shard> shards = shards(2);
        TrainingConfig config = config("adam", 1);
        float[] averaged = spark(sc, shards, config, AveragingConfig.of(3, 2), new ArrayList<>());
        float[] fresh = spark(sc, shards, config, AveragingConfig.of(3, 2).withAverageOptimizerState(false),
                new ArrayList<>());
        assertEquals(averaged.length, fresh.length);
        assertTrue(!java.util.Arrays.equals(averaged, fresh), "the option changes the result");
    }

    @Test
    void aSparkDataFrameWithFeatureAndLabelColumnsTrainsTheSame() {
        List<Shard> shards = shards(2);
        List<Row> rows = new ArrayList<>();
        for (Shard shard : shards) {
            for (int i = 0; i < shard.rows(); i++) {
                int d = shard.featureCount();
                float[] x = java.util.Arrays.copyOfRange(shard.features(), i * d, (i + 1) * d);
                rows.add(RowFactory.create(x, shard.labels()[i]));
            }
        }
        StructType schema = new StructType()
                .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false)
                .add("label", DataTypes.IntegerType, false);
        SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
        // 150 rows each: parallelize cuts the list into the two shards exactly.
        org.apache.spark.sql.Dataset<Row> df = spark.createDataFrame(sc.parallelize(rows, 2), schema);
        JavaRDD<Shard> fromRows = ParameterAveraging.shards(df, "features", "label", 3);
        TrainingConfig config = config("momentum", 2);
        try (Network net = new Network(ARCH, Precision.FLOAT32, BATCH, Kernels.preferred())) {
            net.parameterVector().copyFrom(initial());
            ParameterAveraging.fit(fromRows, net, config, AveragingConfig.of(4, 2), r -> { });
            assertArrayEquals(reference(shards, config, 4, 5), net.parameterVector().toArray(), 0f);
        } finally {
            fromRows.unpersist();
        }
    }

    @Test
    void resumingAfterARoundEndsWithTheSameWeights() {
        List<Shard> shards = shards(2);
        TrainingConfig config = config("adam", 2);
        AveragingConfig avg = AveragingConfig.of(4, 2);
        List<ParameterAveraging.RoundStats> rounds = new ArrayList<>();
        float[] whole = spark(sc, shards, config, avg, rounds);
        assertTrue(rounds.size() >= 4, "enough rounds to interrupt: " + rounds.size());
        ParameterAveraging.RoundStats after = rounds.get(1);   // interrupted after round 2
        try (Network net = new Network(ARCH, Precision.FLOAT32, BATCH, Kernels.preferred())) {
            net.parameterVector().copyFrom(after.state().parameters());
            ParameterAveraging.fit(sc, shards, net, config, avg, new ParameterAveraging.Start(after.round(),
                    after.state().optimizerState(), after.state().steps()), r -> { });
            assertArrayEquals(whole, net.parameterVector().toArray());
        }
    }

    @Test
    void dropoutIsDrawnPerPartitionAndReproducible() {
        List<Shard> shards = shards(2);
        TrainingConfig config = config("sgd", 1);
        AveragingConfig avg = AveragingConfig.of(4, 2).withDropout(0.3f);
        float[] first = spark(sc, shards, config, avg, new ArrayList<>());
        float[] again = spark(sc, shards, config, avg, new ArrayList<>());
        float[] without = spark(sc, shards, config, AveragingConfig.of(4, 2), new ArrayList<>());
        assertArrayEquals(first, again, "same seeds, same masks");
        assertTrue(!java.util.Arrays.equals(first, without), "dropout changes the result");
    }
}
