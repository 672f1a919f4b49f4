package dev.rosenblatt.kernels;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.rosenblatt.kernels.scalar.ScalarKernelProvider;

import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the kernel provider once per JVM.
 *
 * <p>SIMD when the {@code jdk.incubator.vector} module is readable, the JIT is HotSpot's C2 (the Vector API is an
 * intrinsic there and a slow emulation elsewhere) and the preferred vector is at least 128 bits; otherwise scalar,
 * with the reason logged. {@code -Drosenblatt.kernels=scalar|simd} forces either; {@code -Drosenblatt.simd.bits=
 * 128|256|512} narrows the SIMD vectors. The SIMD class is loaded by name, so that this class and the scalar
 * kernels work without the incubator module.
 */
public final class KernelProviders {

    /** auto (default), scalar or simd. */
    public static final String PROVIDER_PROPERTY = "rosenblatt.kernels";
    /** 128, 256 or 512; default the machine's preferred width. */
    public static final String SIMD_BITS_PROPERTY = "rosenblatt.simd.bits";

    static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String SIMD_PROVIDER_CLASS = "dev.rosenblatt.kernels.simd.SimdKernelProvider";
    private static final String SIMD_CAPABILITY_CLASS = "dev.rosenblatt.kernels.simd.SimdCapability";
    private static final System.Logger LOG = System.getLogger("dev.rosenblatt.kernels");

    private KernelProviders() {
    }

    /** The provider chosen for this JVM, and why. */
    public record Selection(KernelProvider provider, String reason) {
    }

    /**
     * What the selection looks at. {@code jitProblem} is null when the JIT is HotSpot C2, else why it is not;
     * {@code preferredBits} is 0 when the vector module is not readable.
     */
    public record Environment(boolean vectorModuleReadable, String jitProblem, int preferredBits) {

        /** This JVM. */
        public static Environment detect() {
            boolean readable = KernelProviders.vectorModuleReadable();
            return new Environment(readable, KernelProviders.jitProblem(), readable ? preferredBitsReflectively() : 0);
        }
    }

    /** The provider chosen for this JVM (chosen at the first call, logged once). */
    public static KernelProvider preferred() {
        return selection().provider();
    }

    /** The provider chosen for this JVM and the reason. Throws when the system properties ask for the impossible. */
    public static Selection selection() {
        if (Chosen.ERROR != null) {
            throw new IllegalStateException(Chosen.ERROR.getMessage(), Chosen.ERROR);
        }
        return Chosen.SELECTION;
    }

    /** The scalar provider, whatever was chosen. */
    public static KernelProvider scalar() {
        return ScalarHolder.SCALAR;
    }

    /**
     * The SIMD provider, whatever was chosen, at the width of {@value #SIMD_BITS_PROPERTY} (default: preferred).
     * Throws {@link IllegalStateException} naming the cause when it cannot be loaded.
     */
    public static KernelProvider simd() {
        if (!vectorModuleReadable()) {
            throw new IllegalStateException("the SIMD kernels need the module " + VECTOR_MODULE
                    + ", which this JVM cannot read: run java with --add-modules " + VECTOR_MODULE);
        }
        if (SimdHolder.ERROR != null) {
            throw new IllegalStateException(SimdHolder.ERROR.getMessage(), SimdHolder.ERROR);
        }
        return SimdHolder.SIMD;
    }

    /**
     * Decides, given the forced value of {@value #PROVIDER_PROPERTY} (null for auto) and the environment. The SIMD
     * provider is only loaded when chosen.
     */
    public static Selection select(String forced, Environment env) {
        String mode = forced == null || forced.isBlank() ? "auto" : forced.trim().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "scalar":
                return new Selection(scalar(), "forced by -D" + PROVIDER_PROPERTY + "=scalar");
            case "simd": {
                if (!env.vectorModuleReadable()) {
                    throw new IllegalStateException("-D" + PROVIDER_PROPERTY + "=simd, but the module " + VECTOR_MODULE
                            + " is not readable: run java with --add-modules " + VECTOR_MODULE);
                }
                String caveat = env.jitProblem() == null ? "" : " (although " + env.jitProblem() + ")";
                return new Selection(simd(), "forced by -D" + PROVIDER_PROPERTY + "=simd" + caveat);
            }
            case "auto": {
                if (!env.vectorModuleReadable()) {
                    return new Selection(scalar(), "the module " + VECTOR_MODULE + " is not readable (run java with "
                            + "--add-modules " + VECTOR_MODULE + " for the SIMD kernels)");
                }
                if (env.jitProblem() != null) {
                    return new Selection(scalar(), env.jitProblem());
                }
                if (env.preferredBits() < 128) {
                    return new Selection(scalar(), "the preferred vector is " + env.preferredBits()
                            + " bits, less than the 128 the SIMD kernels need");
                }
                KernelProvider simd = simd();
                String width = simd.vectorBits() == env.preferredBits() ? ""
                        : ", narrowed to " + simd.vectorBits() + " bits by -D" + SIMD_BITS_PROPERTY;
                return new Selection(simd, VECTOR_MODULE + " is readable, the JIT is HotSpot C2 and the preferred "
                        + "vector is " + env.preferredBits() + " bits" + width);
            }
            default:
                throw new IllegalArgumentException("-D" + PROVIDER_PROPERTY + "=" + forced
                        + ": expected auto, scalar or simd");
        }
    }

    /**
     * The SIMD width asked for by {@value #SIMD_BITS_PROPERTY} ({@code property}, null when unset), checked
     * against what the machine offers.
     */
    public static int requestedSimdBits(String property, int preferredBits) {
        if (property == null || property.isBlank()) {
            return preferredBits;
        }
        int bits;
        try {
            bits = Integer.parseInt(property.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + SIMD_BITS_PROPERTY + "=" + property + ": expected 128, 256 or 512");
        }
        if (bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException("-D" + SIMD_BITS_PROPERTY + "=" + property + ": expected 128, 256 or 512");
        }
        if (bits > preferredBits) {
            throw new IllegalArgumentException("-D" + SIMD_BITS_PROPERTY + "=" + property
                    + ": this machine's widest vector is " + preferredBits + " bits");
        }
        return bits;
    }

    static boolean vectorModuleReadable() {
        Optional<Module> module = ModuleLayer.boot().findModule(VECTOR_MODULE);
        return module.isPresent() && KernelProviders.class.getModule().canRead(module.get());
    }

    /** Null when this JVM compiles hot code with HotSpot's C2, else a sentence saying what it does instead. */
    static String jitProblem() {
        String vmName = System.getProperty("java.vm.name", "");
        HotSpotDiagnosticMXBean hotspot = hotspot();
        if (hotspot == null) {
            return "the JVM (" + vmName + ") is not HotSpot, whose C2 compiler the Vector API needs";
        }
        if ("false".equals(vmOption(hotspot, "UseCompiler"))) {
            return "the JVM runs interpreted only (-Xint)";
        }
        if ("true".equals(vmOption(hotspot, "UseJVMCICompiler"))) {
            return "the JIT is a JVMCI compiler (Graal), not HotSpot C2";
        }
        String level = vmOption(hotspot, "TieredStopAtLevel");
        if (level != null && "true".equals(vmOption(hotspot, "TieredCompilation")) && !level.equals("4")) {
            return "compilation stops at tier " + level + " (-XX:TieredStopAtLevel), so C2 never runs";
        }
        return null;
    }

    /** The {@code -XX:Tier3DelayOn} value the SIMD kernels want (README, "JVM flags"). */
    public static final long TIER3_DELAY_ON = 100_000;

    /**
     * The flag itself, a compile-time constant: the JMH forks (annotations), verify's child JVMs and Spark's
     * executors take it from here. The launcher and the pom's surefire argLine spell it out, being no Java.
     */
    public static final String TIER3_DELAY_ON_FLAG = "-XX:Tier3DelayOn=" + TIER3_DELAY_ON;

    /**
     * Turns off C2's loop predicates built from profiles (README, "JVM flags"). With them, the optimizer updates and
     * other short kernels that run thousands of times a second fell into a cycle: compiled, trapped on such a
     * predicate ("profile_predicate", maybe_recompile), run on the profiling tier with every vector boxed for a few
     * hundred milliseconds, compiled again. In {@code train} the checkpoint set it off, by filling a buffer of a
     * confined arena element by element while the network's memory is shared (its writer no longer does); any
     * program that mixes the two can. Measured 2026-11-26 before that fix: the default {@code ./rosenblatt train}
     * network (2-64-64-64-2, Adam) ran at 250-270k samples/s with them and 0.8-1.1M without; GEMM, elementwise and
     * the 784-256-128-10 step the same within noise. Taken from here like the flag above.
     */
    public static final String NO_PROFILED_LOOP_PREDICATE_FLAG = "-XX:-UseProfiledLoopPredicate";

    /**
     * Null when this JVM runs C2 the way the kernels want, else a sentence saying what to add. With tiered
     * compilation and a small {@code Tier3DelayOn} (5 by default), a busy C2 queue sends methods to a tier that does
     * not profile; a kernel compiled by C2 after that can find no type profile for the Vector API's virtual calls,
     * and then boxes every vector on the heap for the rest of the run. With C2's profiled loop predicates, short
     * kernels can cycle between C2 and the profiling tier (see {@link #NO_PROFILED_LOOP_PREDICATE_FLAG}). The
     * kernels stay correct either way, only slower, so this is advice, never an error.
     */
    public static String jitAdvice() {
        HotSpotDiagnosticMXBean hotspot = hotspot();
        if (hotspot == null) {
            return null;
        }
        List<String> missing = new ArrayList<>();
        String delay = vmOption(hotspot, "Tier3DelayOn");
        try {
            if ("true".equals(vmOption(hotspot, "TieredCompilation")) && delay != null
                    && Long.parseLong(delay) < TIER3_DELAY_ON) {
                missing.add(TIER3_DELAY_ON_FLAG + " (it is " + delay + "; without it the SIMD kernels may now and then"
                        + " be compiled with their vectors on the heap)");
            }
        } catch (NumberFormatException e) {
            // an unreadable value: no advice on it
        }
        if ("true".equals(vmOption(hotspot, "UseProfiledLoopPredicate"))) {
            missing.add(NO_PROFILED_LOOP_PREDICATE_FLAG + " (without it short kernels such as the optimizer updates"
                    + " can keep falling back from C2 to slow code)");
        }
        return missing.isEmpty() ? null
                : "add " + String.join(" and ", missing) + " to the JVM's options (see README, \"JVM flags\")";
    }

    /** HotSpot's diagnostic bean, or null on a JVM that has none. */
    private static HotSpotDiagnosticMXBean hotspot() {
        try {
            return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static String vmOption(HotSpotDiagnosticMXBean hotspot, String name) {
        try {
            return hotspot.getVMOption(name).getValue();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int preferredBitsReflectively() {
        try {
            return (int) Class.forName(SIMD_CAPABILITY_CLASS).getMethod("preferredBits").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return 0;
        }
    }

    private static KernelProvider loadSimd() {
        try {
            return (KernelProvider) Class.forName(SIMD_PROVIDER_CLASS).getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the SIMD kernels failed to start: " + e.getCause().getMessage(), e);
        } catch (ExceptionInInitializerError e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("the SIMD kernels failed to start: " + cause.getMessage(), cause);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("the SIMD kernels could not be loaded: " + e, e);
        }
    }

    private static final class ScalarHolder {
        static final KernelProvider SCALAR = new ScalarKernelProvider();
    }

    /** Loaded once; a failure is kept and reported at every use rather than turned into NoClassDefFoundError. */
    private static final class SimdHolder {
        static final KernelProvider SIMD;
        static final RuntimeException ERROR;

        static {
            KernelProvider simd = null;
            RuntimeException error = null;
            try {
                simd = loadSimd();
            } catch (RuntimeException e) {
                error = e;
            }
            SIMD = simd;
            ERROR = error;
        }
    }

    private static final class Chosen {
        static final Selection SELECTION;
        static final RuntimeException ERROR;

        static {
            Selection selection = null;
            RuntimeException error = null;
            try {
                selection = select(System.getProperty(PROVIDER_PROPERTY), Environment.detect());
                LOG.log(selection.provider().vectorBits() == 0 ? System.Logger.Level.INFO : System.Logger.Level.DEBUG,
                        "Rosenblatt kernels: {0}, because {1}", selection.provider().describe(), selection.reason());
                String advice = selection.provider().vectorBits() == 0 ? null : jitAdvice();
                if (advice != null) {
                    LOG.log(System.Logger.Level.WARNING, "Rosenblatt kernels: {0}", advice);
                }
            } catch (RuntimeException | LinkageError e) {
                error = e instanceof RuntimeException re ? re : new IllegalStateException(e.toString(), e);
            }
            SELECTION = selection;
            ERROR = error;
        }
    }
}
