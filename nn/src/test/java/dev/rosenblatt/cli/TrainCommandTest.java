package dev.rosenblatt.cli;

import dev.rosenblatt.nn.io.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainCommandTest {

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

    private static float[] tensor(Path file, String name) throws Exception {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            return f.readF32(name);
        }
    }

    @Test
    void anOutputThatCannotBeWrittenStopsTheRunBeforeTheFirstEpoch(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("no-such-dir").resolve("m.safetensors");
        Run r = run("train", "--epochs", "3", "--output", missing.toString(), "--threads", "1");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().contains(missing + ": cannot be written: the directory") && r.err().contains("does not exist"),
                r.err());
        assertTrue(!r.out().contains("epoch "), "no epoch was trained: " + r.out());

        Path plot = dir.resolve("plots").resolve("curves.png");
        Run p = run("train", "--epochs", "3", "--output", dir.resolve("m.safetensors").toString(), "--plot",
                plot.toString(), "--threads", "1");
        assertEquals(1, p.code(), p.out());
        assertTrue(p.err().contains(plot + ": cannot be written"), p.err());
        assertTrue(!p.out().contains("epoch "), "no epoch was trained: " + p.out());

        Files.createDirectory(dir.resolve("a-directory"));
        Run d = run("train", "--epochs", "3", "--output", dir.resolve("a-directory").toString(), "--threads", "1");
        assertEquals(1, d.code(), d.out());
        assertTrue(d.err().contains("cannot be written: it is a directory"), d.err());
        List<String> left;
        try (var files = Files.list(dir)) {
            left = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
        }
        assertTrue(left.isEmpty(), "no probe file left behind: " + left);
    }

    @Test
    void trainsOnTheDefaultSetLogsEveryEpochAndWritesALoadableModel(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m.safetensors");
        Path log = dir.resolve("log.jsonl");
        Path png = dir.resolve("curves.png");
        Run r = run("train", "--epochs", "15", "--output", model.toString(), "--json-log", log.toString(),
                "--threads", "1", "--plot", png.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("done") && r.out().contains("test accuracy"), r.out());
        byte[] image = Files.readAllBytes(png);
        assertTrue(image.length > 1000 && image[1] == 'P' && image[2] == 'N' && image[3] == 'G', "a PNG was drawn");
        List<String> lines = Files.readAllLines(log);
        assertEquals(15, lines.size());
        assertTrue(lines.getFirst().contains("\"train_loss\"") && lines.getFirst().contains("\"test_accuracy\"")
                && lines.getFirst().contains("\"samples_per_s\""), lines.getFirst());
        Run e = run("evaluate", "--model", model.toString(), "--data", "spirals");
        assertEquals(0, e.code(), e.err());
        double accuracy = Double.parseDouble(e.out().replaceAll("(?s).*accuracy ([0-9.]+) over.*", "$1"));
        assertTrue(accuracy > 0.9, "two spirals learned: " + e.out());
        Path input = dir.resolve("points.csv");
        Files.writeString(input, "0.1,0.2\n-0.4,0.3\n");
        Run p = run("predict", "--model", model.toString(), "--input", input.toString());
        assertEquals(0, p.code(), p.err());
        assertEquals(2, p.out().strip().lines().count(), p.out());
    }

    @Test
    void resumingAnInterruptedRunEndsWithTheSameWeights(@TempDir Path dir) throws Exception {
        Path whole = dir.resolve("whole.safetensors");
        Path parts = dir.resolve("parts.safetensors");
        String[] common = {"train", "--epochs", "4", "--optimizer", "adam", "--threads", "2", "--seed", "9"};
        assertEquals(0, run(concat(common, "--output", whole.toString())).code());
        Run first = run(concat(common, "--output", parts.toString(), "--stop-after", "2"));
        assertTrue(first.out().contains("stopped   after epoch 2"), first.out());
        assertTrue(!Files.exists(parts), "an interrupted run writes no final model");
        Run second = run(concat(common, "--output", parts.toString(), "--resume"));
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().contains("resumed"), second.out());
        for (String name : new String[] {"layers.0.weight", "layers.1.bias", "layers.3.weight"}) {
            assertArrayEquals(tensor(whole, name), tensor(parts, name), name);
        }
    }

    @Test
    void badOptionsAreClearErrors(@TempDir Path dir) {
        Run missing = run("train", "--data", dir.resolve("nope.csv").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("nope.csv"), missing.err());
        Run loss = run("train", "--loss", "banana");
        assertTrue(loss.err().contains("banana"), loss.err());
        Run resume = run("train", "--resume", "--output", dir.resolve("x.safetensors").toString());
        assertTrue(resume.err().contains("no checkpoint"), resume.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
