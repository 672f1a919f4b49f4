package dev.rosenblatt.nn.model;

import dev.rosenblatt.kernels.Activation;

import java.util.Locale;
import java.util.SplittableRandom;

/** Weight initialization from a seeded generator: Glorot/Xavier and He/Kaiming, uniform or normal. */
public enum Init {
    /** U(-a, a), a = sqrt(6 / (fanIn + fanOut)). */
    GLOROT_UNIFORM,
    /** N(0, s^2), s = sqrt(2 / (fanIn + fanOut)). */
    GLOROT_NORMAL,
    /** U(-a, a), a = sqrt(6 / fanIn): keeps the variance through ReLU layers. */
    HE_UNIFORM,
    /** N(0, s^2), s = sqrt(2 / fanIn). */
    HE_NORMAL;

    /** One weight for a layer with these fans. */
    public double sample(SplittableRandom random, int fanIn, int fanOut) {
        return switch (this) {
            case GLOROT_UNIFORM -> uniform(random, Math.sqrt(6.0 / (fanIn + fanOut)));
            case GLOROT_NORMAL -> random.nextGaussian() * Math.sqrt(2.0 / (fanIn + fanOut));
            case HE_UNIFORM -> uniform(random, Math.sqrt(6.0 / fanIn));
            case HE_NORMAL -> random.nextGaussian() * Math.sqrt(2.0 / fanIn);
        };
    }

    private static double uniform(SplittableRandom random, double limit) {
        return (random.nextDouble() * 2 - 1) * limit;
    }

    /** He for the ReLU family, Glorot for the rest. */
    public static Init defaultFor(Activation a) {
        return switch (a) {
            case RELU, LEAKY_RELU, ELU, GELU_ERF, GELU_TANH, SILU -> HE_UNIFORM;
            default -> GLOROT_UNIFORM;
        };
    }

    public static Init parse(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return switch (n) {
            case "XAVIER_UNIFORM", "GLOROT", "XAVIER" -> GLOROT_UNIFORM;
            case "XAVIER_NORMAL" -> GLOROT_NORMAL;
            case "KAIMING_UNIFORM", "HE", "KAIMING" -> HE_UNIFORM;
            case "KAIMING_NORMAL" -> HE_NORMAL;
            default -> Init.valueOf(n);
        };
    }
}
