package dev.rosenblatt.bench.baseline;

import dev.rosenblatt.kernels.Activation;
import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.OffHeap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plain-loop baselines compute the same function as the kernel they are set against. */
class PlainLoopsTest {

    static final java.util.List<String> PLAIN = PlainLoops.FUNCTIONS;

    @ParameterizedTest
    @FieldSource("PLAIN")
    void plainLoopAgreesWithTheKernel(String function) {
        int n = 4099;
        try (OffHeap memory = OffHeap.shared()) {
            F32Matrix in = memory.f32Matrix(1, n);
            F32Matrix kernelOut = memory.f32Matrix(1, n);
            F32Matrix plainOut = memory.f32Matrix(1, n);
            // The textbook GELUs compute 1 + tanh(u) or 1 + erf(u), which lose digits as x goes below about -4 and
            // cancel to 0 below about -8 (our kernels do not): they are compared where they are still accurate.
            float from = function.startsWith("gelu") ? -4f : -12f;
            for (int i = 0; i < n; i++) {
                in.set(0, i, from + (12f - from) * i / (n - 1));
            }
            Kernels.preferred().activationForward(Activation.valueOf(function.toUpperCase(Locale.ROOT)), 0f,
                    kernelOut, in);
            PlainLoops.plainLoop(function, plainOut.segment(), plainOut.offset(), in.segment(),
                    in.offset(), n);
            for (int i = 0; i < n; i++) {
                float want = kernelOut.get(0, i);
                float got = plainOut.get(0, i);
                // Both are within a couple of ulp of the true value; 1e-6 relative plus a tiny absolute slack.
                assertTrue(Math.abs(got - want) <= 1e-6f * Math.abs(want) + 1e-30f,
                        function + " at x = " + in.get(0, i) + ": plain " + got + ", kernel " + want);
            }
        }
    }
}
