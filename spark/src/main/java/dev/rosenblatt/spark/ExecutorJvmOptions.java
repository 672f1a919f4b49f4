package dev.rosenblatt.spark;

import dev.rosenblatt.kernels.KernelProviders;
import org.apache.spark.SparkConf;

/**
 * The JVM options our kernels want in the executors Spark launches (README, "JVM flags"). The driver gets them
 * from the launcher; executors get only what {@code spark.executor.extraJavaOptions} says. Spark already adds the
 * incubator module itself; what is missing is {@code -XX:Tier3DelayOn}, without which a kernel is now and then
 * compiled with its vectors on the heap (KernelProviders.jitAdvice).
 */
public final class ExecutorJvmOptions {

    static final String KEY = "spark.executor.extraJavaOptions";

    private ExecutorJvmOptions() {
    }

    /**
     * Appends the flag to the executors' extra options, keeping what is there; leaves the options alone when they
     * already set {@code Tier3DelayOn} (the user's value wins).
     */
    public static SparkConf addTo(SparkConf conf) {
        String options = conf.get(KEY, "").trim();
        if (!options.contains("-XX:Tier3DelayOn=")) {
            String flag = KernelProviders.TIER3_DELAY_ON_FLAG;
            conf.set(KEY, options.isEmpty() ? flag : options + " " + flag);
        }
        return conf;
    }
}
