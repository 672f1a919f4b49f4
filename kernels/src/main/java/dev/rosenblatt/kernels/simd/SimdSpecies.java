package dev.rosenblatt.kernels.simd;

import dev.rosenblatt.kernels.KernelProviders;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import java.nio.ByteOrder;

/**
 * The vector species every SIMD kernel uses, fixed once per JVM.
 *
 * <p>They are {@code static final} on purpose: C2 folds a constant species into straight-line vector code, while a
 * species read from an instance field defeats that and costs an order of magnitude. The width is the machine's
 * preferred one unless {@value KernelProviders#SIMD_BITS_PROPERTY} asks for a narrower one (128, 256 or 512), which
 * is how the tests run the 256- and 128-bit paths on an AVX-512 machine: in separate JVMs, one width each.
 */
public final class SimdSpecies {

    /** Width in bits, at most the machine's preferred width. */
    public static final int BITS = KernelProviders.requestedSimdBits(
            System.getProperty(KernelProviders.SIMD_BITS_PROPERTY), SimdCapability.preferredBits());

    public static final VectorSpecies<Float> F32 = VectorSpecies.of(float.class, VectorShape.forBitSize(BITS));
    public static final VectorSpecies<Double> F64 = VectorSpecies.of(double.class, VectorShape.forBitSize(BITS));

    /** Off-heap data is in the machine's own byte order. */
    public static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private SimdSpecies() {
    }

    /** The machine's preferred vector width in bits, whatever the property says. */
    public static int preferredBits() {
        return VectorShape.preferredShape().vectorBitSize();
    }
}
