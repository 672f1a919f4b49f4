package dev.rosenblatt.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train --spark MASTER} runs the spark module's trainer with the same options. */
class TrainSparkOptionTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cli = RosenblattCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void trainWithSparkDelegatesAndWritesAModel(@TempDir Path dir) {
        Path model = dir.resolve("m.safetensors");
        Run r = run("train", "--spark", "local[2]", "--data", "blobs", "--epochs", "1", "-k", "4",
                "--output", model.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("round") && r.out().contains("done"), r.out());
        assertTrue(Files.exists(model), "model written");
    }

    @Test
    void optionsTheSparkTrainerLacksAreRefused() {
        Run r = run("train", "--spark", "local[2]", "--dropout", "0.2");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--dropout is not supported with --spark"), r.err());
        Run k = run("train", "-k", "3");
        assertTrue(k.err().contains("only apply with --spark"), k.err());
    }
}
