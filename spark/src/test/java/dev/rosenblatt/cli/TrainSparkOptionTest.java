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
    void checkpointsEveryRoundAndResumes(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m.safetensors");
        Path ckpt = dir.resolve("c.safetensors");
        String[] common = {"train", "--spark", "local[2]", "--data", "blobs", "--epochs", "1", "-k", "4",
                "--dropout", "0.1", "--validation", "0.2", "--checkpoint", ckpt.toString(), "--output",
                model.toString()};
        Run first = run(common);
        assertEquals(0, first.code(), first.out() + first.err());
        assertTrue(first.out().contains("validation after round"), first.out());
        assertTrue(Files.exists(ckpt), "a checkpoint after every round");
        // Resuming after the last round has nothing left to train: the model is the checkpoint's weights.
        Path again = dir.resolve("again.safetensors");
        String[] resume = java.util.Arrays.copyOf(common, common.length + 1);
        resume[resume.length - 1] = "--resume";
        resume[resume.length - 2] = again.toString();
        Run second = run(resume);
        assertEquals(0, second.code(), second.out() + second.err());
        assertTrue(second.out().contains("resumed"), second.out());
        try (dev.rosenblatt.nn.io.SafetensorsFile a = dev.rosenblatt.nn.io.SafetensorsFile.open(model);
             dev.rosenblatt.nn.io.SafetensorsFile b = dev.rosenblatt.nn.io.SafetensorsFile.open(again)) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(a.readF32("layers.0.weight"),
                    b.readF32("layers.0.weight"));
        }
    }

    @Test
    void optionsTheSparkTrainerLacksAreRefused() {
        Run r = run("train", "--spark", "local[2]", "--plot", "x.png");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--plot is not supported with --spark"), r.err());
        Run k = run("train", "-k", "3");
        assertTrue(k.err().contains("only apply with --spark"), k.err());
    }
}
