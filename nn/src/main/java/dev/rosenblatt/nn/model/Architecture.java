package dev.rosenblatt.nn.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rosenblatt.kernels.Activation;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a multi-layer perceptron: {@code inputs} features, then dense layers, the last one producing the
 * outputs the loss reads. Stored as JSON in a model file's metadata, so that the file alone rebuilds the network.
 */
public record Architecture(int inputs, List<LayerSpec> layers, Loss loss) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Architecture {
        if (inputs < 1) {
            throw new IllegalArgumentException("a network needs at least 1 input, got " + inputs);
        }
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        layers = List.copyOf(layers);
    }

    /** Inputs, hidden sizes and outputs: "784-256-128-10". */
    public String describe() {
        StringBuilder s = new StringBuilder().append(inputs);
        for (LayerSpec l : layers) {
            s.append('-').append(l.units());
        }
        return s.toString();
    }

    public int outputs() {
        return layers.getLast().units();
    }

    /** Fan-in of layer l. */
    public int fanIn(int l) {
        return l == 0 ? inputs : layers.get(l - 1).units();
    }

    /** An MLP with hidden layers of the given sizes and activation, and a linear output layer. */
    public static Architecture mlp(int inputs, int[] hidden, Activation activation, int outputs, Loss loss) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int h : hidden) {
            layers.add(new LayerSpec(h, activation));
        }
        layers.add(new LayerSpec(outputs, Activation.IDENTITY));
        return new Architecture(inputs, layers, loss);
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "rosenblatt-mlp-1");
        root.put("inputs", inputs);
        root.put("loss", loss.label());
        ArrayNode ls = root.putArray("layers");
        for (LayerSpec l : layers) {
            ls.addObject().put("units", l.units()).put("activation", l.activation().label()).put("param", l.param());
        }
        return root.toString();
    }

    public static Architecture fromJson(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (!"rosenblatt-mlp-1".equals(root.path("format").asText())) {
                throw new IllegalArgumentException("not a Rosenblatt MLP architecture (format is '"
                        + root.path("format").asText() + "')");
            }
            List<LayerSpec> layers = new ArrayList<>();
            for (JsonNode l : root.path("layers")) {
                layers.add(new LayerSpec(l.path("units").asInt(), LayerSpec.activation(l.path("activation").asText()),
                        (float) l.path("param").asDouble()));
            }
            return new Architecture(root.path("inputs").asInt(), layers, Loss.parse(root.path("loss").asText()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("architecture metadata is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
