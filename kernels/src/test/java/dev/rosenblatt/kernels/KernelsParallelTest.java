package dev.rosenblatt.kernels;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Kernels#parallel}: every part once, on either provider, failures and bad arguments reported. */
class KernelsParallelTest {

    private static Kernels kernels(String provider) {
        return Kernels.of(provider.equals("simd") ? KernelProviders.simd() : KernelProviders.scalar());
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "simd"})
    void runsEveryPartOnce(String provider) {
        Kernels k = kernels(provider);
        for (int parts = 1; parts <= 5; parts++) {
            for (int call = 0; call < 200; call++) {
                AtomicIntegerArray runs = new AtomicIntegerArray(parts);
                k.parallel(parts, runs::incrementAndGet);
                for (int p = 0; p < parts; p++) {
                    assertEquals(1, runs.get(p), provider + ": part " + p + " of " + parts);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "simd"})
    void aFailingPartIsThrownToTheCaller(String provider) {
        Kernels k = kernels(provider);
        IllegalStateException boom = new IllegalStateException("part 2 failed");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> k.parallel(3, part -> {
            if (part == 2) {
                throw boom;
            }
        }));
        assertSame(boom, thrown);
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "simd"})
    void rejectsBadArguments(String provider) {
        Kernels k = kernels(provider);
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> k.parallel(0, p -> { }));
        assertTrue(none.getMessage().contains("0 parts"), none.getMessage());
        IllegalArgumentException many = assertThrows(IllegalArgumentException.class,
                () -> k.parallel(Kernels.MAX_PARTS + 1, p -> { }));
        assertTrue(many.getMessage().contains("1025 parts"), many.getMessage());
        assertThrows(IllegalArgumentException.class, () -> k.parallel(2, null));
    }
}
