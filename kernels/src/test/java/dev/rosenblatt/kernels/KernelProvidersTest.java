package dev.rosenblatt.kernels;

import dev.rosenblatt.kernels.KernelProviders.Environment;
import dev.rosenblatt.kernels.KernelProviders.Selection;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelProvidersTest {

    private static final Environment GOOD = new Environment(true, null, 512);

    @Test
    void theTestJvmKeepsEveryMethodProfiledBeforeC2() {
        // The allocation tests depend on it (README, "JVM flags"); the build passes the flag in the argLine.
        assertEquals(null, KernelProviders.jitAdvice());
    }

    @Test
    void aJvmWithoutTheFlagsIsToldWhatToAdd() throws Exception {
        String noPredicates = KernelProviders.NO_PROFILED_LOOP_PREDICATE_FLAG;
        String both = adviceInChildJvm("-XX:Tier3DelayOn=5", "-XX:+UseProfiledLoopPredicate");
        assertTrue(both.contains("add -XX:Tier3DelayOn=100000") && both.contains(noPredicates), both);
        String delay = adviceInChildJvm("-XX:Tier3DelayOn=5", noPredicates);
        assertTrue(delay.contains("add -XX:Tier3DelayOn=100000") && !delay.contains(noPredicates), delay);
        assertTrue(adviceInChildJvm("-XX:Tier3DelayOn=100000", "-XX:+UseProfiledLoopPredicate")
                .contains("add " + noPredicates));
        assertEquals("null", adviceInChildJvm("-XX:Tier3DelayOn=100000", noPredicates));
        assertEquals("null", adviceInChildJvm("-XX:-TieredCompilation", noPredicates),
                "no tiers, no unprofiled tier");
    }

    private static String adviceInChildJvm(String... flags) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(List.of(flags));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), PrintJitAdvice.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    /** Prints this JVM's advice (or "null"): run by the test above in a JVM with other flags. */
    public static final class PrintJitAdvice {
        public static void main(String[] args) {
            System.out.println(KernelProviders.jitAdvice());
        }
    }

    @Test
    void thisJvmGetsSimdAtThePreferredOrRequestedWidth() {
        // The build runs tests with --add-modules jdk.incubator.vector on HotSpot C2 on AVX-512 machines.
        Environment env = Environment.detect();
        assertTrue(env.vectorModuleReadable(), "surefire passes --add-modules jdk.incubator.vector");
        Selection chosen = KernelProviders.selection();
        if (env.jitProblem() == null && env.preferredBits() >= 128) {
            assertEquals("simd", chosen.provider().name(), chosen.reason());
            int expected = Integer.getInteger(KernelProviders.SIMD_BITS_PROPERTY, env.preferredBits());
            assertEquals(expected, chosen.provider().vectorBits());
        }
    }

    @Test
    void autoFallsBackToScalarWithAReason() {
        Selection noModule = KernelProviders.select(null, new Environment(false, null, 0));
        assertEquals("scalar", noModule.provider().name());
        assertTrue(noModule.reason().contains("--add-modules jdk.incubator.vector"), noModule.reason());

        Selection c1 = KernelProviders.select("auto", new Environment(true, "compilation stops at tier 1", 512));
        assertEquals("scalar", c1.provider().name());
        assertTrue(c1.reason().contains("tier 1"), c1.reason());

        Selection narrow = KernelProviders.select("", new Environment(true, null, 64));
        assertEquals("scalar", narrow.provider().name());
        assertTrue(narrow.reason().contains("64 bits"), narrow.reason());
    }

    @Test
    void propertyForcesEitherProvider() {
        assertEquals("scalar", KernelProviders.select("scalar", GOOD).provider().name());
        assertEquals("scalar", KernelProviders.select(" SCALAR ", GOOD).provider().name());
        Selection simd = KernelProviders.select("simd", new Environment(true, "the JVM runs interpreted only", 512));
        assertEquals("simd", simd.provider().name());
        assertTrue(simd.reason().contains("forced"), simd.reason());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> KernelProviders.select("simd", new Environment(false, null, 0)));
        assertTrue(missing.getMessage().contains("--add-modules jdk.incubator.vector"), missing.getMessage());
        IllegalArgumentException bogus = assertThrows(IllegalArgumentException.class,
                () -> KernelProviders.select("gpu", GOOD));
        assertTrue(bogus.getMessage().contains("gpu") && bogus.getMessage().contains("scalar"), bogus.getMessage());
    }

    @Test
    void widthPropertyIsChecked() {
        assertEquals(512, KernelProviders.requestedSimdBits(null, 512));
        assertEquals(256, KernelProviders.requestedSimdBits("256", 512));
        assertEquals(128, KernelProviders.requestedSimdBits(" 128", 256));
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
                () -> KernelProviders.requestedSimdBits("300", 512));
        assertTrue(odd.getMessage().contains("300"), odd.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KernelProviders.requestedSimdBits("wide", 512));
        IllegalArgumentException tooWide = assertThrows(IllegalArgumentException.class,
                () -> KernelProviders.requestedSimdBits("512", 256));
        assertTrue(tooWide.getMessage().contains("256 bits"), tooWide.getMessage());
    }
}
