package dev.rosenblatt.spark;

import dev.rosenblatt.kernels.KernelProviders;
import org.apache.spark.SparkConf;

/**
 * The JVM options our kernels want in the executors Spark launches (README, "JVM flags"). The driver gets them
 * from the launcher; executors get only what {@code spark.executor.extraJavaOptions} says. Spark already adds the
 * incubator module itself; what is missing is {@code -XX:Tier3DelayOn}, without which a kernel is now and then
 * compiled with its vectors on the heap, and {@code -XX:-UseProfiledLoopPredicate}, without which short kernels
 * keep falling back from C2 (KernelProviders.jitAdvice).
 */
public final class ExecutorJvmOptions {

    static final String KEY = "spark.executor.extraJavaOptions";

    private ExecutorJvmOptions() {
    }

    /**
     * Appends the flags to the executors' extra options, keeping what is there; leaves each alone when the options
     * already set it (the user's value wins).
     */
    public static SparkConf addTo(SparkConf conf) {
        String options = conf.get(KEY, "").trim();
        if (!options.contains("-XX:Tier3DelayOn=")) {
            options = options.isEmpty() ? KernelProviders.TIER3_DELAY_ON_FLAG
                    : options + " " + KernelProviders.TIER3_DELAY_ON_FLAG;
        }
        if (!options.contains("UseProfiledLoopPredicate")) {
            options = options + " " + KernelProviders.NO_PROFILED_LOOP_PREDICATE_FLAG;
        }
        conf.set(KEY, options.trim());
        return conf;
    }
}
