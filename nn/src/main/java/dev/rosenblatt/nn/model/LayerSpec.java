package dev.rosenblatt.nn.model;

import dev.rosenblatt.kernels.Activation;

import java.util.Locale;

/**
 * One dense layer: {@code units} outputs, each the weighted sum of the previous layer's outputs plus a bias, passed
 * through {@code activation} ({@code param} is the slope of leaky ReLU or alpha of ELU).
 */
public record LayerSpec(int units, Activation activation, float param) {

    public LayerSpec {
        if (units < 1) {
            throw new IllegalArgumentException("a layer needs at least 1 unit, got " + units);
        }
        if (activation == null) {
            throw new IllegalArgumentException("a layer needs an activation");
        }
    }

    public LayerSpec(int units, Activation activation) {
        this(units, activation, defaultParam(activation));
    }

    static float defaultParam(Activation a) {
        return switch (a) {
            case LEAKY_RELU -> 0.01f;
            case ELU -> 1f;
            default -> 0f;
        };
    }

    /** An activation by name: relu, leaky_relu (or leaky-relu), gelu, gelu_tanh, sigmoid, ... */
    public static Activation activation(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (n.equals("GELU")) {
            return Activation.GELU_ERF;
        }
        if (n.equals("SWISH")) {
            return Activation.SILU;
        }
        try {
            return Activation.valueOf(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown activation '" + name + "': expected one of "
                    + java.util.Arrays.toString(Activation.values()).toLowerCase(Locale.ROOT));
        }
    }
}
