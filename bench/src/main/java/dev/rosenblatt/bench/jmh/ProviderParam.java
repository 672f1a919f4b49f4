package dev.rosenblatt.bench.jmh;

import dev.rosenblatt.kernels.KernelProviders;
import dev.rosenblatt.kernels.Kernels;

/** The kernels a benchmark's {@code provider} parameter names: scalar or simd, nothing else. */
final class ProviderParam {

    private ProviderParam() {
    }

    /** A value other than the two would otherwise time the scalar kernels under the name the user gave. */
    static Kernels kernels(String provider) {
        return switch (provider) {
            case "simd" -> Kernels.of(KernelProviders.simd());
            case "scalar" -> Kernels.of(KernelProviders.scalar());
            default -> throw new IllegalArgumentException("provider " + provider + ": scalar or simd");
        };
    }
}
