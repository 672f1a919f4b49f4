package dev.rosenblatt.bench.baseline;

import org.apache.commons.math3.special.Erf;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * The plain-Java loops the elementwise speed goals are stated against, shared by {@code bench elementwise} and
 * {@code MathBaselineBenchmark}: Math.exp and Math.tanh alone, and each activation's textbook loop over them (in
 * double, rounded to float; GELU-erf over commons-math3's Erf.erf, as Java has no Math.erf). The textbook GELUs
 * cancel to 0 below about x = -8, where our kernels keep their accuracy.
 */
public final class PlainLoops {

    /** The functions that have a textbook loop. */
    public static final List<String> FUNCTIONS = List.of("sigmoid", "tanh", "silu", "gelu_tanh", "gelu_erf");

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private PlainLoops() {
    }

    /** The baseline: a plain loop over Math.exp or Math.tanh, rounded to float. */
    public static void mathLoop(MemorySegment out, long o, MemorySegment in, long x, int n, boolean tanh) {
        for (int i = 0; i < n; i++) {
            double v = in.getAtIndex(F32, x + i);
            out.setAtIndex(F32, o + i, (float) (tanh ? Math.tanh(v) : Math.exp(v)));
        }
    }

    /** sqrt(2 / pi), GELU-tanh's scale. */
    private static final double GELU_TANH_SCALE = Math.sqrt(2 / Math.PI);

    /** The textbook loop of one function, in double over Math.exp, Math.tanh or Erf.erf, rounded to float. */
    public static void plainLoop(String function, MemorySegment out, long o, MemorySegment in, long x, int n) {
        switch (function) {
            case "sigmoid" -> {
                for (int i = 0; i < n; i++) {
                    double v = in.getAtIndex(F32, x + i);
                    out.setAtIndex(F32, o + i, (float) (1 / (1 + Math.exp(-v))));
                }
            }
            case "tanh" -> mathLoop(out, o, in, x, n, true);
            case "silu" -> {
                for (int i = 0; i < n; i++) {
                    double v = in.getAtIndex(F32, x + i);
                    out.setAtIndex(F32, o + i, (float) (v / (1 + Math.exp(-v))));
                }
            }
            case "gelu_tanh" -> {
                for (int i = 0; i < n; i++) {
                    double v = in.getAtIndex(F32, x + i);
                    out.setAtIndex(F32, o + i,
                            (float) (0.5 * v * (1 + Math.tanh(GELU_TANH_SCALE * (v + 0.044715 * v * v * v)))));
                }
            }
            case "gelu_erf" -> {
                for (int i = 0; i < n; i++) {
                    double v = in.getAtIndex(F32, x + i);
                    out.setAtIndex(F32, o + i, (float) (0.5 * v * (1 + Erf.erf(v / Math.sqrt(2)))));
                }
            }
            default -> throw new IllegalArgumentException("no plain loop for " + function);
        }
    }
}
