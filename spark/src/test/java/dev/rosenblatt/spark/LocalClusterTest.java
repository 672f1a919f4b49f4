package dev.rosenblatt.spark;

import dev.rosenblatt.kernels.KernelProviders;
import dev.rosenblatt.nn.train.TrainingConfig;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Two executor JVMs (local-cluster[2,1,1024]): shards, weights and results cross process boundaries, and the kernels
 * run under the executors' own JVM flags. Needs SPARK_SCALA_VERSION=2.13 and SPARK_TESTING=1 in the environment
 * (the pom sets them), and the test classpath as absolute paths for the executors.
 */
class LocalClusterTest {

    @Test
    void twoExecutorJvmsGiveTheSameBitsAsTheReference() {
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(p -> new File(p).getAbsolutePath()).collect(Collectors.joining(File.pathSeparator));
        SparkConf conf = new SparkConf().setMaster("local-cluster[2,1,1024]").setAppName("rosenblatt-cluster-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.executor.memory", "512m")
                .set("spark.executor.extraClassPath", classpath)
                .set("spark.task.maxFailures", "2");
        ExecutorJvmOptions.addTo(conf);
        JavaSparkContext sc = new JavaSparkContext(conf);
        try {
            List<Shard> shards = ParameterAveragingTest.shards(2);
            TrainingConfig config = ParameterAveragingTest.config("momentum", 2);
            List<ParameterAveraging.RoundStats> rounds = new ArrayList<>();
            float[] viaCluster = ParameterAveragingTest.spark(sc, shards, config,
                    AveragingConfig.of(4, 2).withFailRound(2), rounds);
            assertEquals(5, rounds.size());
            assertArrayEquals(ParameterAveragingTest.reference(shards, config, 4, 5), viaCluster, 0f);
            // The tasks really ran elsewhere: in executor JVMs, not this one.
            String driver = ManagementFactory.getRuntimeMXBean().getName();
            List<String> where = sc.parallelize(List.of(0, 1), 2)
                    .map(i -> ManagementFactory.getRuntimeMXBean().getName()).collect();
            for (String w : where) {
                assertNotEquals(driver, w);
            }
            // ... and with the kernels' JIT flag, so that they get no advice to add it.
            List<String> advice = sc.parallelize(List.of(0, 1), 2)
                    .map(i -> String.valueOf(KernelProviders.jitAdvice())).collect();
            assertEquals(List.of("null", "null"), advice);
        } finally {
            sc.stop();
        }
    }
}
