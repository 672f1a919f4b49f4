package dev.rosenblatt.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RosenblattCliTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cli = RosenblattCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void infoNamesTheJdkTheWidthAndTheProvider() {
        Run run = run("info");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("JDK:") && run.out().contains(Runtime.version().toString()), run.out());
        assertTrue(run.out().contains("Preferred species:"), run.out());
        assertTrue(run.out().contains("Kernel provider:   simd") || run.out().contains("Kernel provider:   scalar"),
                run.out());
        assertTrue(run.out().contains("Default threads:   " + Runtime.getRuntime().availableProcessors()), run.out());
    }

    @Test
    void everyCommandHasHelp() {
        Run root = run("--help");
        assertEquals(0, root.exitCode());
        assertTrue(root.out().contains("info"), root.out());
        for (String name : RosenblattCli.commandLine().getSubcommands().keySet()) {
            if (!name.equals("help")) {
                Run help = run(name, "--help");
                assertEquals(0, help.exitCode(), name + ": " + help.err());
                assertTrue(help.out().contains("Usage:"), name + ": " + help.out());
            }
        }
    }

    @Test
    void aMissingFileIsNamedWithWhatIsWrong() {
        Run run = run("evaluate", "--model", "no-such-dir/model.safetensors", "--data", "spirals");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("no-such-dir/model.safetensors: no such file or directory"), run.err());
    }

    @Test
    void fileErrorsWithoutAReasonGetOne() {
        assertEquals("a.bin: permission denied",
                RosenblattCli.describe(new java.nio.file.AccessDeniedException("a.bin")));
        assertEquals("a.bin: no such file or directory", RosenblattCli.describe(
                new java.io.UncheckedIOException(new java.nio.file.NoSuchFileException("a.bin"))));
        assertEquals("a.bin: too short", RosenblattCli.describe(
                new java.nio.file.FileSystemException("a.bin", null, "too short")));
        assertEquals("java.lang.IllegalStateException", RosenblattCli.describe(new IllegalStateException()));
    }

    @Test
    void unknownCommandIsAnError() {
        Run run = run("frobnicate");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("frobnicate"), run.err());
    }
}
