package dev.rosenblatt.cli;

import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.F32Vector;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.nn.data.Normalization;
import dev.rosenblatt.nn.io.ModelFile;
import dev.rosenblatt.nn.model.Network;
import dev.rosenblatt.spark.ParameterAveraging;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The checkpoint of a Spark run: the averaged weights after a round, the averaged optimizer state and step count,
 * and the round, in a model file (written atomically after every round), so that {@code --resume} continues with
 * the next round.
 */
final class SparkCheckpoint {

    private static final String ROUND = "rosenblatt.spark.round";
    private static final String STEPS = "rosenblatt.spark.steps";
    private static final String STATES = "rosenblatt.spark.states";

    private SparkCheckpoint() {
    }

    static void save(Path file, Network net, Normalization normalization, ParameterAveraging.RoundStats r)
            throws IOException {
        float[][] state = r.state().optimizerState();
        try (OffHeap memory = OffHeap.confined()) {
            Map<String, F32Vector> tensors = new LinkedHashMap<>();
            for (int k = 0; k < state.length; k++) {
                tensors.put("optimizer." + k, memory.f32Vector(state[k]));
            }
            ModelFile.save(file, net, normalization, tensors, Map.of(ROUND, Integer.toString(r.round()),
                    STEPS, Long.toString(r.state().steps()), STATES, Integer.toString(state.length)));
        }
    }

    /** Loads the weights into {@code net}; returns where to continue. */
    static ParameterAveraging.Start load(Path file, Network net, PrintWriter out) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "--resume: no checkpoint to resume from");
        }
        try (ModelFile.Loaded loaded = ModelFile.load(file, Kernels.preferred(), 1)) {
            if (!loaded.network().architecture().equals(net.architecture())) {
                throw new IllegalArgumentException("--resume: the checkpoint " + file + " holds a "
                        + loaded.network().architecture().describe() + " network, not " + net.architecture().describe());
            }
            String round = loaded.metadata().get(ROUND);
            if (round == null) {
                throw new IllegalArgumentException("--resume: " + file + " is not a spark-train checkpoint");
            }
            net.parameterMemory().copyFrom(loaded.network().parameterMemory());
            int states = Integer.parseInt(loaded.metadata().getOrDefault(STATES, "0"));
            float[][] state = new float[states][];
            try (OffHeap memory = OffHeap.confined()) {
                for (int k = 0; k < states; k++) {
                    F32Vector v = memory.f32Vector(Math.toIntExact(net.parameterCount()));
                    ModelFile.readVector(file, "optimizer." + k, v);
                    state[k] = v.toArray();
                }
            }
            out.printf("resumed   from %s after round %s%n", file, round);
            return new ParameterAveraging.Start(Integer.parseInt(round), state,
                    Long.parseLong(loaded.metadata().getOrDefault(STEPS, "0")));
        }
    }
}
