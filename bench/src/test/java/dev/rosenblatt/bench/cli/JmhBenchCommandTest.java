package dev.rosenblatt.bench.cli;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@code bench jmh} hands to JMH: the quick profile fills only what the user left out. */
class JmhBenchCommandTest {

    @Test
    void quickExpandsToShortIterationsAndAParameterSubset() {
        List<String> args = JmhBenchCommand.jmhArguments(List.of("GemmBenchmark"), true, true);
        assertEquals("GemmBenchmark", args.getFirst());
        String joined = String.join(" ", args);
        assertTrue(joined.contains("-wi 1 -i 5 -w 500ms -r 500ms -f 1"), joined);
        assertTrue(joined.contains("-p threads=1"), joined);
        assertFalse(joined.contains("peer="), "OpenBLAS available: no peer filter");
    }

    @Test
    void userOptionsWinOverTheQuickProfile() {
        List<String> args = JmhBenchCommand.jmhArguments(List.of("-i", "10", "-p", "shape=64 64 64 NN"), true, true);
        assertEquals(1, Collections.frequency(args, "-i"));
        assertEquals("10", args.get(args.indexOf("-i") + 1));
        assertTrue(args.contains("shape=64 64 64 NN"));
        assertFalse(args.stream().anyMatch(a -> a.startsWith("shape=") && !a.equals("shape=64 64 64 NN")), "" + args);
    }

    @Test
    void withoutOpenBlasItsPeersAreLeftOut() {
        List<String> args = JmhBenchCommand.jmhArguments(List.of(), false, false);
        String peers = args.get(args.indexOf("-p") + 1);
        assertTrue(peers.startsWith("peer=") && peers.contains("rosenblatt") && !peers.contains("openblas"), peers);
        assertEquals(List.of("-p", "peer=ejml"),
                JmhBenchCommand.jmhArguments(List.of("-p", "peer=ejml"), false, false));
    }

    @Test
    void everyQuickParameterValueIsOneTheBenchmarksHavingThatParameterDeclare() throws Exception {
        // JMH hands a -p value to every benchmark with a parameter of that name, declared or not: a value another
        // benchmark does not know would run it on an operation it was never meant to (or fail it).
        List<String> checked = new ArrayList<>();
        for (Class<?> benchmark : benchmarkClasses()) {
            for (Field f : benchmark.getDeclaredFields()) {
                Param param = f.getAnnotation(Param.class);
                String quick = JmhBenchCommand.QUICK_PARAMS.get(f.getName());
                if (param == null || quick == null) {
                    continue;
                }
                List<String> declared = Arrays.asList(param.value());
                for (String value : quick.split(",")) {
                    assertTrue(declared.contains(value), benchmark.getSimpleName() + "." + f.getName() + " does not "
                            + "declare the quick profile's " + value + " (declares " + declared + ")");
                }
                checked.add(benchmark.getSimpleName() + "." + f.getName());
            }
        }
        assertTrue(checked.size() >= JmhBenchCommand.QUICK_PARAMS.size(), "checked " + checked);
    }

    /** The compiled classes of the jmh package that hold @Param fields. */
    private static List<Class<?>> benchmarkClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(dev.rosenblatt.bench.jmh.GemmBenchmark.class.getResource("GemmBenchmark.class").toURI())
                .getParent();
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$") && !name.contains("jmhType")) {
                    Class<?> c = Class.forName("dev.rosenblatt.bench.jmh." + name.substring(0, name.length() - 6));
                    if (Arrays.stream(c.getDeclaredFields()).anyMatch(f -> f.isAnnotationPresent(Param.class))) {
                        classes.add(c);
                    }
                }
            }
        }
        assertTrue(classes.size() >= 8, "benchmark classes found: " + classes);
        return classes;
    }
}
