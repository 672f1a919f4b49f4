package dev.rosenblatt.verify.harness;

import dev.rosenblatt.kernels.Activation;
import dev.rosenblatt.kernels.KernelProviders;
import dev.rosenblatt.kernels.Kernels;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sweep machinery on 1/4096 of the range (16 chunks spread over all binades); the CLI runs it in full. */
class ExhaustiveSweepTest {

    @Test
    void sampledSweepOfSigmoidAndItsDerivative() {
        Kernels k = Kernels.of(KernelProviders.simd());
        for (boolean derivative : new boolean[] {false, true}) {
            ExhaustiveSweep.Result r = ExhaustiveSweep.run(k, "simd", 0, Activation.SIGMOID, derivative, 2, 4096);
            assertTrue(r.row().pass(), () -> r.row() + " " + r.worst());
            assertEquals(16, r.chunksSwept());
            assertEquals(r.row().inputs(), Arrays.stream(r.histogram()).sum());
            // NaN inputs are not judged for derivatives; forward sees all 16 x 64K
            assertEquals(derivative ? r.row().inputs() : 16L * ExhaustiveSweep.CHUNK, r.row().inputs());
        }
    }
}
