package dev.rosenblatt.kernels.simd;

import dev.rosenblatt.kernels.KernelProvider;
import dev.rosenblatt.kernels.KernelProviders;
import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.F32Vector;
import dev.rosenblatt.kernels.memory.F64Vector;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.kernels.testing.RandomData;
import dev.rosenblatt.kernels.testing.TestSizes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SIMD dot and axpy against their scalar twins and a float64 (or exact-ish) reference, over odd sizes,
 * unaligned offsets and strides. Tagged "simd": the build runs it again at 256 and 128 bits.
 */
@Tag("simd")
class Blas1AgreementTest {

    private static final int[] STRIDES = {1, 2, 3};

    private static OffHeap memory;
    private static Kernels scalar;
    private static Kernels simd;

    @BeforeAll
    static void setUp() {
        memory = OffHeap.confined();
        scalar = Kernels.of(KernelProviders.scalar());
        simd = Kernels.of(KernelProviders.simd());
    }

    @AfterAll
    static void tearDown() {
        memory.close();
    }

    @Test
    void simdRunsAtTheRequestedWidth() {
        KernelProvider provider = simd.provider();
        int expected = Integer.getInteger(KernelProviders.SIMD_BITS_PROPERTY, SimdCapability.preferredBits());
        assertEquals(expected, provider.vectorBits(), "SIMD width");
        assertEquals(expected / 32, SimdSpecies.F32.length());
        assertEquals(expected / 64, SimdSpecies.F64.length());
    }

    @Test
    void sdotAgreesWithScalarAndReference() {
        SplittableRandom random = new SplittableRandom(1);
        for (int n : TestSizes.ODD) {
            for (int offset : TestSizes.OFFSETS) {
                for (int stride : STRIDES) {
                    F32Vector x = f32(random, n, offset, stride);
                    F32Vector y = f32(random, n, offset + 1, stride);
                    double sum = 0;
                    double magnitude = 0;
                    for (int i = 0; i < n; i++) {
                        double p = (double) x.get(i) * y.get(i);
                        sum += p;
                        magnitude += Math.abs(p);
                    }
                    double exact = sum; // exact up to float64 rounding, far below the float32 bound
                    // Both float32 sums are within gamma_n * sum |x_i y_i| of the exact value (Higham 3.1).
                    double bound = TestSizes.gamma(n, TestSizes.U_F32) * magnitude;
                    String where = "n=" + n + " offset=" + offset + " stride=" + stride;
                    float s = scalar.dot(x, y);
                    float v = simd.dot(x, y);
                    assertTrue(Math.abs(v - exact) <= bound, () -> "simd sdot " + where + ": " + v + " vs " + exact);
                    assertTrue(Math.abs(s - exact) <= bound, () -> "scalar sdot " + where + ": " + s + " vs " + exact);
                    assertTrue(Math.abs(v - s) <= 2 * bound, () -> "sdot twins disagree " + where);
                }
            }
        }
    }

    @Test
    void ddotAgreesWithScalar() {
        SplittableRandom random = new SplittableRandom(2);
        for (int n : TestSizes.ODD) {
            for (int offset : TestSizes.OFFSETS) {
                for (int stride : STRIDES) {
                    F64Vector x = f64(random, n, offset, stride);
                    F64Vector y = f64(random, n, offset + 2, stride);
                    double magnitude = 0;
                    for (int i = 0; i < n; i++) {
                        magnitude += Math.abs(x.get(i) * y.get(i));
                    }
                    double bound = 2 * TestSizes.gamma(n, TestSizes.U_F64) * magnitude;
                    double s = scalar.dot(x, y);
                    double v = simd.dot(x, y);
                    String where = "n=" + n + " offset=" + offset + " stride=" + stride;
                    assertTrue(Math.abs(v - s) <= bound, () -> "ddot twins disagree " + where + ": " + v + " vs " + s);
                }
            }
        }
    }

    @Test
    void saxpyAgreesWithScalarAndReference() {
        SplittableRandom random = new SplittableRandom(3);
        for (int n : TestSizes.ODD) {
            for (int offset : TestSizes.OFFSETS) {
                for (int stride : STRIDES) {
                    float alpha = (float) (random.nextDouble() * 4 - 2);
                    F32Vector x = f32(random, n, offset, stride);
                    F32Vector y1 = f32(random, n, offset + 3, stride);
                    F32Vector y2 = memory.f32Vector(y1.toArray());
                    float[] y0 = y1.toArray();
                    scalar.axpy(alpha, x, y1);
                    simd.axpy(alpha, x, y2);
                    for (int i = 0; i < n; i++) {
                        double exact = (double) alpha * x.get(i) + y0[i];
                        // One rounding (fma) or two (multiply, then add): within 2u of |alpha x| + |y|.
                        double bound = 2 * TestSizes.U_F32 * (Math.abs((double) alpha * x.get(i)) + Math.abs(y0[i]));
                        int k = i;
                        String where = "n=" + n + " offset=" + offset + " stride=" + stride + " i=" + i;
                        assertTrue(Math.abs(y1.get(i) - exact) <= bound, () -> "scalar saxpy " + where);
                        assertTrue(Math.abs(y2.get(k) - exact) <= bound, () -> "simd saxpy " + where);
                    }
                }
            }
        }
    }

    @Test
    void daxpyAgreesWithScalar() {
        SplittableRandom random = new SplittableRandom(4);
        for (int n : TestSizes.ODD) {
            for (int offset : TestSizes.OFFSETS) {
                double alpha = random.nextDouble() * 4 - 2;
                F64Vector x = f64(random, n, offset, 1);
                F64Vector y1 = f64(random, n, offset + 5, 1);
                F64Vector y2 = memory.f64Vector(y1.toArray());
                double[] y0 = y1.toArray();
                scalar.axpy(alpha, x, y1);
                simd.axpy(alpha, x, y2);
                for (int i = 0; i < n; i++) {
                    double bound = 2 * TestSizes.U_F64 * (Math.abs(alpha * x.get(i)) + Math.abs(y0[i]));
                    int k = i;
                    assertTrue(Math.abs(y1.get(i) - y2.get(i)) <= bound,
                            () -> "daxpy twins disagree n=" + n + " i=" + k);
                }
            }
        }
    }

    @Test
    void axpyInPlaceDoublesTheVector() {
        float[] values = RandomData.floats(new SplittableRandom(5), 129);
        F32Vector v = memory.f32Vector(values);
        simd.axpy(1f, v, v);
        for (int i = 0; i < values.length; i++) {
            assertEquals(2 * values[i], v.get(i), "element " + i);
        }
    }

    @Test
    void nanPropagates() {
        for (int n : new int[] {1, 17, 1021}) {
            F32Vector x = memory.f32Vector(n);
            F32Vector y = memory.f32Vector(n);
            x.fill(1f);
            y.fill(1f);
            y.set(n - 1, Float.NaN);
            assertTrue(Float.isNaN(simd.dot(x, y)), "NaN in the tail or body must reach the sum, n=" + n);
        }
    }

    /** A vector of n random floats placed at element {@code offset} of a fresh block, {@code stride} apart. */
    private static F32Vector f32(SplittableRandom random, int n, int offset, int stride) {
        long elements = offset + (long) (n - 1) * stride + 1;
        F32Vector v = F32Vector.wrap(memory.allocate(elements * Float.BYTES), offset, n, stride);
        v.copyFrom(RandomData.floats(random, n));
        return v;
    }

    private static F64Vector f64(SplittableRandom random, int n, int offset, int stride) {
        long elements = offset + (long) (n - 1) * stride + 1;
        F64Vector v = F64Vector.wrap(memory.allocate(elements * Double.BYTES), offset, n, stride);
        v.copyFrom(RandomData.doubles(random, n));
        return v;
    }
}
