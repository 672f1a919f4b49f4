package dev.rosenblatt.nn.io;

import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.F32Vector;
import dev.rosenblatt.nn.data.Normalization;
import dev.rosenblatt.nn.model.Architecture;
import dev.rosenblatt.nn.model.Network;
import dev.rosenblatt.nn.model.Precision;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained network as a safetensors file: tensors {@code layers.L.weight} (units x fanIn, PyTorch's nn.Linear
 * layout, so {@code torch.nn.Linear.load_state_dict} takes them as they are) and {@code layers.L.bias}; the
 * architecture and the input normalization as JSON in the metadata. Written atomically (see
 * {@link SafetensorsWriter}); a checkpoint adds the optimizer state and where training stood.
 */
public final class ModelFile {

    public static final String ARCHITECTURE = "rosenblatt.architecture";
    public static final String NORMALIZATION = "rosenblatt.normalization";

    private ModelFile() {
    }

    /** A network read back, with the normalization its inputs need and the file's other metadata. */
    public record Loaded(Network network, Normalization normalization, Map<String, String> metadata)
            implements AutoCloseable {
        @Override
        public void close() {
            network.close();
        }
    }

    /** Writes a float32 network, plus {@code extraTensors} (checkpoint state) and {@code extraMetadata}. */
    public static void save(Path file, Network net, Normalization normalization, Map<String, F32Vector> extraTensors,
                            Map<String, String> extraMetadata) throws IOException {
        SafetensorsWriter w = new SafetensorsWriter();
        w.metadata(ARCHITECTURE, net.architecture().toJson());
        if (normalization != null) {
            w.metadata(NORMALIZATION, normalization.toJson());
        }
        w.metadata(extraMetadata);
        for (int l = 0; l < net.architecture().layers().size(); l++) {
            w.add("layers." + l + ".weight", ((F32Matrix) net.weights(l)).transpose());
            w.add("layers." + l + ".bias", (F32Vector) net.bias(l));
        }
        for (Map.Entry<String, F32Vector> e : extraTensors.entrySet()) {
            w.add(e.getKey(), e.getValue());
        }
        w.write(file);
    }

    public static void save(Path file, Network net, Normalization normalization) throws IOException {
        save(file, net, normalization, Map.of(), Map.of());
    }

    /** Reads a model written by {@link #save}: checks the architecture, every tensor's shape and size. */
    public static Loaded load(Path file, Kernels kernels, int maxBatch) throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            String archJson = f.metadata().get(ARCHITECTURE);
            if (archJson == null) {
                throw new FileFormatException(file, "metadata", "no '" + ARCHITECTURE
                        + "' entry: not a Rosenblatt model (was it written by ./rosenblatt train?)");
            }
            Architecture arch;
            try {
                arch = Architecture.fromJson(archJson);
            } catch (IllegalArgumentException e) {
                throw new FileFormatException(file, "metadata " + ARCHITECTURE, e.getMessage());
            }
            Network net = new Network(arch, Precision.FLOAT32, maxBatch, kernels);
            try {
                for (int l = 0; l < arch.layers().size(); l++) {
                    f.readInto("layers." + l + ".weight", ((F32Matrix) net.weights(l)).transpose());
                    f.readInto("layers." + l + ".bias", (F32Vector) net.bias(l));
                }
            } catch (IOException | RuntimeException e) {
                net.close();
                throw e;
            }
            String norm = f.metadata().get(NORMALIZATION);
            return new Loaded(net, norm == null ? null : Normalization.fromJson(norm),
                    new LinkedHashMap<>(f.metadata()));
        }
    }

    /** Reads tensor {@code name} of {@code file} into {@code destination} (checkpoint state). */
    public static void readVector(Path file, String name, F32Vector destination) throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            f.readInto(name, destination);
        }
    }
}
