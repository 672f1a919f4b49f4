package dev.rosenblatt.kernels.simd;

import jdk.incubator.vector.VectorShape;

/**
 * What the Vector API offers on this machine, asked without fixing any species (unlike {@link SimdSpecies},
 * whose static initializer reads the width property). Called reflectively by the provider selection.
 */
public final class SimdCapability {

    private SimdCapability() {
    }

    /** Bit size of the preferred vector shape (512 on AVX-512, 256 on AVX2, 128 on SSE or NEON). */
    public static int preferredBits() {
        return VectorShape.preferredShape().vectorBitSize();
    }
}
