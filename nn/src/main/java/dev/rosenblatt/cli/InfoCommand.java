package dev.rosenblatt.cli;

import dev.rosenblatt.kernels.KernelProviders;
import dev.rosenblatt.kernels.Threads;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** What this machine and JVM give the kernels, and which provider was chosen and why. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print the JDK, the CPU's vector features, the preferred vector width, the kernel provider "
                + "chosen and why, and the default thread count.")
final class InfoCommand implements Callable<Integer> {

    /** The /proc/cpuinfo flags that matter to the kernels, in the order printed. */
    private static final List<String> VECTOR_FLAGS = List.of("sse4_2", "avx", "fma", "avx2", "avx512f", "avx512dq",
            "avx512cd", "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16", "avx512_fp16", "amx_tile", "asimd",
            "sve", "sve2");

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("JDK:               %s %s (%s), %s%n", System.getProperty("java.vendor"),
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"),
                System.getProperty("java.home"));
        out.printf("CPU:               %s, %d cores available%n", cpuModel(), Runtime.getRuntime().availableProcessors());
        out.printf("Vector features:   %s%n", vectorFeatures());
        KernelProviders.Environment env = KernelProviders.Environment.detect();
        out.printf("Preferred species: %s%n", env.preferredBits() > 0
                ? env.preferredBits() + " bits (" + env.preferredBits() / 32 + " x float32, "
                        + env.preferredBits() / 64 + " x float64)"
                : "unknown: jdk.incubator.vector is not readable");
        out.printf("Default threads:   %d%n", Threads.defaultCount());
        try {
            KernelProviders.Selection selection = KernelProviders.selection();
            out.printf("Kernel provider:   %s%n", selection.provider().describe());
            out.printf("  because          %s%n", selection.reason());
            out.printf("  force with       -D%s=scalar|simd, narrow with -D%s=128|256|512 (pass them in JAVA_OPTS)%n",
                    KernelProviders.PROVIDER_PROPERTY, KernelProviders.SIMD_BITS_PROPERTY);
            String advice = KernelProviders.jitAdvice();
            out.printf("JIT flags:         %s%n", advice == null
                    ? "as the kernels want (-XX:Tier3DelayOn, -XX:-UseProfiledLoopPredicate)" : advice);
            out.flush();
            return 0;
        } catch (RuntimeException e) {
            out.flush();
            spec.commandLine().getErr().println("Kernel provider:   none: " + e.getMessage());
            return 1;
        }
    }

    private static String cpuModel() {
        for (String line : cpuinfo()) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return System.getProperty("os.arch");
    }

    private static String vectorFeatures() {
        for (String line : cpuinfo()) {
            if (line.startsWith("flags") || line.startsWith("Features")) {
                Set<String> flags = Set.copyOf(Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+")));
                List<String> found = new ArrayList<>();
                for (String flag : VECTOR_FLAGS) {
                    if (flags.contains(flag)) {
                        found.add(flag);
                    }
                }
                return found.isEmpty() ? "none of " + VECTOR_FLAGS : String.join(" ", found);
            }
        }
        return "unknown (no /proc/cpuinfo on " + System.getProperty("os.name") + ")";
    }

    private static List<String> cpuinfo() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
