package dev.rosenblatt.bench.cli;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

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
}
