package dev.rosenblatt.spark;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExecutorJvmOptionsTest {

    @Test
    void addsTheFlagWhenNoOptionsAreSet() {
        SparkConf conf = ExecutorJvmOptions.addTo(new SparkConf(false));
        assertEquals("-XX:Tier3DelayOn=100000 -XX:-UseProfiledLoopPredicate", conf.get(ExecutorJvmOptions.KEY));
    }

    @Test
    void keepsTheUsersOptionsAndAddsTheFlagOnce() {
        SparkConf conf = new SparkConf(false).set(ExecutorJvmOptions.KEY, " -Xss4m -Dx=1 ");
        ExecutorJvmOptions.addTo(ExecutorJvmOptions.addTo(conf));
        assertEquals("-Xss4m -Dx=1 -XX:Tier3DelayOn=100000 -XX:-UseProfiledLoopPredicate",
                conf.get(ExecutorJvmOptions.KEY));
    }

    @Test
    void leavesAUsersOwnValueAlone() {
        SparkConf conf = new SparkConf(false).set(ExecutorJvmOptions.KEY,
                "-XX:Tier3DelayOn=5000 -XX:+UseProfiledLoopPredicate");
        assertEquals("-XX:Tier3DelayOn=5000 -XX:+UseProfiledLoopPredicate",
                ExecutorJvmOptions.addTo(conf).get(ExecutorJvmOptions.KEY));
    }
}
