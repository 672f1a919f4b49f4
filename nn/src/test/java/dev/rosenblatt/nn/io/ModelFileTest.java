package dev.rosenblatt.nn.io;

import dev.rosenblatt.kernels.Activation;
import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.nn.data.Normalization;
import dev.rosenblatt.nn.model.Architecture;
import dev.rosenblatt.nn.model.Loss;
import dev.rosenblatt.nn.model.Network;
import dev.rosenblatt.nn.model.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelFileTest {

    private static Network network() {
        Network net = new Network(Architecture.mlp(7, new int[] {5, 4}, Activation.GELU_TANH, 3, Loss.MSE),
                Precision.FLOAT32, 8, Kernels.preferred());
        net.initialize(null, 17);
        for (int l = 0; l < 3; l++) {
            ((dev.rosenblatt.kernels.memory.F32Vector) net.bias(l)).set(0, -0.0f); // a signed zero survives
        }
        return net;
    }

    @Test
    void saveAndLoadRoundTripBitwise(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.safetensors");
        Normalization norm = Normalization.scaleToUnit(7, 255f);
        try (Network net = network()) {
            ModelFile.save(file, net, norm);
            try (ModelFile.Loaded loaded = ModelFile.load(file, Kernels.preferred(), 4)) {
                assertEquals(net.architecture(), loaded.network().architecture());
                assertArrayEquals(net.parameterVector().toArray(), loaded.network().parameterVector().toArray());
                assertArrayEquals(norm.scale(), loaded.normalization().scale());
            }
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void corruptOrForeignFilesAreClearErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.safetensors");
        try (Network net = network()) {
            ModelFile.save(file, net, null);
        }
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.safetensors");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 9));
        IOException t = assertThrows(IOException.class, () -> ModelFile.load(truncated, Kernels.preferred(), 4));
        assertTrue(t.getMessage().contains("truncated.safetensors"), t.getMessage());

        Path foreign = dir.resolve("foreign.safetensors");
        new SafetensorsWriter().add("w", new float[] {1, 2}, 2).write(foreign);
        IOException f = assertThrows(IOException.class, () -> ModelFile.load(foreign, Kernels.preferred(), 4));
        assertTrue(f.getMessage().contains("not a Rosenblatt model"), f.getMessage());
    }
}
