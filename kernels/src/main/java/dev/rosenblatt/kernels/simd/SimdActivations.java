package dev.rosenblatt.kernels.simd;

import dev.rosenblatt.kernels.Activation;
import dev.rosenblatt.kernels.Activations;
import dev.rosenblatt.kernels.scalar.ScalarActivations;
import dev.rosenblatt.kernels.scalar.ScalarMath;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.rosenblatt.kernels.simd.SimdSpecies.ORDER;

/**
 * Activations with the Vector API, row by row: a vector loop to {@code loopBound}, then the scalar tail with
 * {@link ScalarActivations}'s functions, which compute the same bits. One loop per activation (generated-looking on
 * purpose): a switch on the activation inside the loop would be left to C2 to unswitch, and it does not reliably.
 *
 * <p>GELU (both forms) and softplus compute in float64: float32 lanes are widened to float64 vectors of the same
 * lane count ({@code FH}, half the width, to {@code D}), evaluated, and narrowed with one rounding. The float64
 * kernels (gradient checks, not speed) are the scalar ones.
 */
final class SimdActivations implements Activations {

    private static final VectorSpecies<Float> F = SimdSpecies.F32;
    private static final VectorSpecies<Double> D = SimdSpecies.F64;
    /** Float vectors with as many lanes as D: half the width. */
    private static final VectorSpecies<Float> FH =
            VectorSpecies.of(float.class, VectorShape.forBitSize(SimdSpecies.BITS / 2));
    private static final int FL = F.length();
    private static final int DL = D.length();
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private final ScalarActivations scalar = new ScalarActivations();

    private static FloatVector load(MemorySegment s, long element) {
        return FloatVector.fromMemorySegment(F, s, element * Float.BYTES, ORDER);
    }

    private static void store(FloatVector v, MemorySegment s, long element) {
        v.intoMemorySegment(s, element * Float.BYTES, ORDER);
    }

    private static DoubleVector loadWide(MemorySegment s, long element) {
        return (DoubleVector) FloatVector.fromMemorySegment(FH, s, element * Float.BYTES, ORDER)
                .convertShape(VectorOperators.F2D, D, 0);
    }

    private static FloatVector narrow(DoubleVector v) {
        return (FloatVector) v.convertShape(VectorOperators.D2F, FH, 0);
    }

    private static void tailForward(Activation op, float param, int j, int n, MemorySegment out, long o,
                                    MemorySegment in, long x) {
        for (; j < n; j++) {
            out.setAtIndex(F32, o + j, ScalarActivations.forward(op, param, in.getAtIndex(F32, x + j)));
        }
    }

    private static void tailBackward(Activation op, float param, int j, int n, MemorySegment dIn, long di,
                                     MemorySegment dOut, long g, MemorySegment in, long x) {
        for (; j < n; j++) {
            float d = ScalarActivations.derivative(op, param, in.getAtIndex(F32, x + j));
            dIn.setAtIndex(F32, di + j, Math.fma(dOut.getAtIndex(F32, g + j), d, dIn.getAtIndex(F32, di + j)));
        }
    }

    @Override
    public void forwardF32(Activation op, float param, int rows, int cols,
                           MemorySegment out, long outOff, long ldOut, MemorySegment in, long inOff, long ldIn) {
        for (int i = 0; i < rows; i++) {
            long o = outOff + i * ldOut;
            long x = inOff + i * ldIn;
            switch (op) {
                case IDENTITY -> identityForward(param, cols, out, o, in, x);
                case STEP -> stepForward(param, cols, out, o, in, x);
                case SIGMOID -> sigmoidForward(param, cols, out, o, in, x);
                case TANH -> tanhForward(param, cols, out, o, in, x);
                case RELU -> reluForward(param, cols, out, o, in, x);
                case LEAKY_RELU -> leakyReluForward(param, cols, out, o, in, x);
                case ELU -> eluForward(param, cols, out, o, in, x);
                case GELU_ERF -> geluErfForward(param, cols, out, o, in, x);
                case GELU_TANH -> geluTanhForward(param, cols, out, o, in, x);
                case SILU -> siluForward(param, cols, out, o, in, x);
                case SOFTPLUS -> softplusForward(param, cols, out, o, in, x);
            }
        }
    }

    @Override
    public void backwardF32(Activation op, float param, int rows, int cols,
                            MemorySegment dIn, long dInOff, long ldDIn, MemorySegment dOut, long dOutOff, long ldDOut,
                            MemorySegment in, long inOff, long ldIn) {
        for (int i = 0; i < rows; i++) {
            long di = dInOff + i * ldDIn;
            long g = dOutOff + i * ldDOut;
            long x = inOff + i * ldIn;
            switch (op) {
                case IDENTITY, STEP -> passBackward(op, cols, dIn, di, dOut, g, in, x);
                case SIGMOID -> sigmoidBackward(param, cols, dIn, di, dOut, g, in, x);
                case TANH -> tanhBackward(param, cols, dIn, di, dOut, g, in, x);
                case RELU -> reluBackward(param, cols, dIn, di, dOut, g, in, x);
                case LEAKY_RELU -> leakyReluBackward(param, cols, dIn, di, dOut, g, in, x);
                case ELU -> eluBackward(param, cols, dIn, di, dOut, g, in, x);
                case GELU_ERF -> geluErfBackward(param, cols, dIn, di, dOut, g, in, x);
                case GELU_TANH -> geluTanhBackward(param, cols, dIn, di, dOut, g, in, x);
                case SILU -> siluBackward(param, cols, dIn, di, dOut, g, in, x);
                case SOFTPLUS -> softplusBackward(param, cols, dIn, di, dOut, g, in, x);
            }
        }
    }

    /** Straight-through: dIn += dOut. */
    private static void passBackward(Activation op, int n, MemorySegment dIn, long di, MemorySegment dOut, long g,
                                     MemorySegment in, long x) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            store(load(dOut, g + j).add(load(dIn, di + j)), dIn, di + j);
        }
        tailBackward(op, 0f, j, n, dIn, di, dOut, g, in, x);
    }

    private static void identityForward(float param, int n, MemorySegment out, long o, MemorySegment in, long x0) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = load(in, x0 + j);
            store(x, out, o + j);
        }
        tailForward(Activation.IDENTITY, param, j, n, out, o, in, x0);
    }

    private static void stepForward(float param, int n, MemorySegment out, long o, MemorySegment in, long x0) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = load(in, x0 + j);
            store(FloatVector.zero(F).blend(FloatVector.broadcast(F, 1f), x.compare(VectorOperators.GT, 0f)).blend(x, x.test(VectorOperators.IS_NAN)), out, o + j);
        }
        tailForward(Activation.STEP, param, j, n, out, o, in, x0);
    }

    private static void sigmoidForward(float param, int n, MemorySegment out, long o, MemorySegment in, long x0) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = load(in, x0 + j);
            store(SimdMath.sigmoid(x), out, o + j);
        }
        tailForward(Activation.SIGMOID, param, j, n, out, o, in, x0);
    }

    private static void tanhForward(float param, int n, MemorySegment out, long o, MemorySegment in, long x0) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = load(in, x0 + j);
            store(SimdMath.tanh(x), out, o + j);
        }
        tailForward(Activation.TANH, param, j, n, out, o, in, x0);
    }

    private static void reluForward(float param, int n, MemorySegment out, long o, MemorySegment in, long x0) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = load(in, x0 + j);
            store(x.max(0f), out, o + j);
        }
        tailForward(Activation.RELU, param, j, n, out, o, in, x0);
    }

    private static void leakyReluForward(float param, int n, MemorySegment out, long o, MemorySegment in, long x0) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = load(in, x0 + j);
            store(x.mul(param).blend(x, x.compare(VectorOperators.GT, 0f)), out, o + j);
        }
        tailForward(Activation.LEAKY_RELU, param, j, n, out, o, in, x0);
    }

    private static void eluForward(float param, int n, MemorySegment out, long o, MemorySegment in, long x0) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = load(in, x0 + j);
            store(SimdMath.expm1(x).mul(param).blend(x, x.compare(VectorOperators.GT, 0f)), out, o + j);
        }
        tailForward(Activation.ELU, param, j, n, out, o, in, x0);
    }

    private static void siluForward(float param, int n, MemorySegment out, long o, MemorySegment in, long x0) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = load(in, x0 + j);
            store(SimdMath.silu(x), out, o + j);
        }
        tailForward(Activation.SILU, param, j, n, out, o, in, x0);
    }

    private static void geluErfForward(float param, int n, MemorySegment out, long o, MemorySegment in, long x0) {
        int j = 0;
        for (int bound = D.loopBound(n); j < bound; j += DL) {
            DoubleVector x = loadWide(in, x0 + j);
            narrow(SimdMath.geluErf(x)).intoMemorySegment(out, (o + j) * Float.BYTES, ORDER);
        }
        tailForward(Activation.GELU_ERF, param, j, n, out, o, in, x0);
    }

    private static void geluTanhForward(float param, int n, MemorySegment out, long o, MemorySegment in, long x0) {
        int j = 0;
        for (int bound = D.loopBound(n); j < bound; j += DL) {
            DoubleVector x = loadWide(in, x0 + j);
            narrow(SimdMath.geluTanh(x)).intoMemorySegment(out, (o + j) * Float.BYTES, ORDER);
        }
        tailForward(Activation.GELU_TANH, param, j, n, out, o, in, x0);
    }

    private static void softplusForward(float param, int n, MemorySegment out, long o, MemorySegment in, long x0) {
        int j = 0;
        for (int bound = D.loopBound(n); j < bound; j += DL) {
            DoubleVector x = loadWide(in, x0 + j);
            narrow(SimdMath.softplus(x)).intoMemorySegment(out, (o + j) * Float.BYTES, ORDER);
        }
        tailForward(Activation.SOFTPLUS, param, j, n, out, o, in, x0);
    }

    private static void sigmoidBackward(float param, int n, MemorySegment dIn, long di, MemorySegment dOut, long g,
                                     MemorySegment in, long x0) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = load(in, x0 + j);
            store(load(dOut, g + j).fma(SimdMath.sigmoidPrime(x), load(dIn, di + j)), dIn, di + j);
        }
        tailBackward(Activation.SIGMOID, param, j, n, dIn, di, dOut, g, in, x0);
    }

    private static void tanhBackward(float param, int n, MemorySegment dIn, long di, MemorySegment dOut, long g,
                                     MemorySegment in, long x0) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = load(in, x0 + j);
            store(load(dOut, g + j).fma(SimdMath.tanhPrime(x), load(dIn, di + j)), dIn, di + j);
        }
        tailBackward(Activation.TANH, param, j, n, dIn, di, dOut, g, in, x0);
    }

    private static void reluBackward(float param, int n, MemorySegment dIn, long di, MemorySegment dOut, long g,
                                     MemorySegment in, long x0) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = load(in, x0 + j);
            store(load(dOut, g + j).fma(FloatVector.zero(F).blend(FloatVector.broadcast(F, 1f), x.compare(VectorOperators.GT, 0f)).blend(x, x.test(VectorOperators.IS_NAN)), load(dIn, di + j)), dIn, di + j);
        }
        tailBackward(Activation.RELU, param, j, n, dIn, di, dOut, g, in, x0);
    }

    private static void leakyReluBackward(float param, int n, MemorySegment dIn, long di, MemorySegment dOut, long g,
                                     MemorySegment in, long x0) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = load(in, x0 + j);
            store(load(dOut, g + j).fma(FloatVector.broadcast(F, param).blend(FloatVector.broadcast(F, 1f), x.compare(VectorOperators.GT, 0f)).blend(x, x.test(VectorOperators.IS_NAN)), load(dIn, di + j)), dIn, di + j);
        }
        tailBackward(Activation.LEAKY_RELU, param, j, n, dIn, di, dOut, g, in, x0);
    }

    private static void eluBackward(float param, int n, MemorySegment dIn, long di, MemorySegment dOut, long g,
                                     MemorySegment in, long x0) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = load(in, x0 + j);
            store(load(dOut, g + j).fma(SimdMath.exp(x).mul(param).blend(FloatVector.broadcast(F, 1f), x.compare(VectorOperators.GT, 0f)), load(dIn, di + j)), dIn, di + j);
        }
        tailBackward(Activation.ELU, param, j, n, dIn, di, dOut, g, in, x0);
    }

    private static void siluBackward(float param, int n, MemorySegment dIn, long di, MemorySegment dOut, long g,
                                     MemorySegment in, long x0) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = load(in, x0 + j);
            store(load(dOut, g + j).fma(SimdMath.siluPrime(x), load(dIn, di + j)), dIn, di + j);
        }
        tailBackward(Activation.SILU, param, j, n, dIn, di, dOut, g, in, x0);
    }

    private static void softplusBackward(float param, int n, MemorySegment dIn, long di, MemorySegment dOut, long g,
                                     MemorySegment in, long x0) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = load(in, x0 + j);
            store(load(dOut, g + j).fma(SimdMath.sigmoid(x), load(dIn, di + j)), dIn, di + j);
        }
        tailBackward(Activation.SOFTPLUS, param, j, n, dIn, di, dOut, g, in, x0);
    }

    private static void geluErfBackward(float param, int n, MemorySegment dIn, long di, MemorySegment dOut, long g,
                                     MemorySegment in, long x0) {
        int j = 0;
        for (int bound = D.loopBound(n); j < bound; j += DL) {
            DoubleVector x = loadWide(in, x0 + j);
            FloatVector d = narrow(SimdMath.geluErfPrime(x));
            FloatVector dOutV = FloatVector.fromMemorySegment(FH, dOut, (g + j) * Float.BYTES, ORDER);
            FloatVector dInV = FloatVector.fromMemorySegment(FH, dIn, (di + j) * Float.BYTES, ORDER);
            dOutV.fma(d, dInV).intoMemorySegment(dIn, (di + j) * Float.BYTES, ORDER);
        }
        tailBackward(Activation.GELU_ERF, param, j, n, dIn, di, dOut, g, in, x0);
    }

    private static void geluTanhBackward(float param, int n, MemorySegment dIn, long di, MemorySegment dOut, long g,
                                     MemorySegment in, long x0) {
        int j = 0;
        for (int bound = D.loopBound(n); j < bound; j += DL) {
            DoubleVector x = loadWide(in, x0 + j);
            FloatVector d = narrow(SimdMath.geluTanhPrime(x));
            FloatVector dOutV = FloatVector.fromMemorySegment(FH, dOut, (g + j) * Float.BYTES, ORDER);
            FloatVector dInV = FloatVector.fromMemorySegment(FH, dIn, (di + j) * Float.BYTES, ORDER);
            dOutV.fma(d, dInV).intoMemorySegment(dIn, (di + j) * Float.BYTES, ORDER);
        }
        tailBackward(Activation.GELU_TANH, param, j, n, dIn, di, dOut, g, in, x0);
    }

    @Override
    public void forwardF64(Activation op, double param, int rows, int cols,
                           MemorySegment out, long outOff, long ldOut, MemorySegment in, long inOff, long ldIn) {
        scalar.forwardF64(op, param, rows, cols, out, outOff, ldOut, in, inOff, ldIn);
    }

    @Override
    public void backwardF64(Activation op, double param, int rows, int cols,
                            MemorySegment dIn, long dInOff, long ldDIn, MemorySegment dOut, long dOutOff, long ldDOut,
                            MemorySegment in, long inOff, long ldIn) {
        scalar.backwardF64(op, param, rows, cols, dIn, dInOff, ldDIn, dOut, dOutOff, ldDOut, in, inOff, ldIn);
    }

    @Override
    public void softmaxForwardF32(boolean log, int rows, int cols,
                                  MemorySegment out, long outOff, long ldOut, MemorySegment in, long inOff, long ldIn) {
        int bound = F.loopBound(cols);
        for (int i = 0; i < rows; i++) {
            long o = outOff + i * ldOut;
            long x = inOff + i * ldIn;
            FloatVector maxV = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
            int j = 0;
            for (; j < bound; j += FL) {
                maxV = maxV.max(load(in, x + j));
            }
            float max = maxV.reduceLanes(VectorOperators.MAX);
            for (; j < cols; j++) {
                max = Math.max(max, in.getAtIndex(F32, x + j));
            }
            FloatVector sumV = FloatVector.zero(F);
            for (j = 0; j < bound; j += FL) {
                FloatVector e = SimdMath.exp(load(in, x + j).sub(max));
                sumV = sumV.add(e);
                if (!log) {
                    store(e, out, o + j);
                }
            }
            float sum = sumV.reduceLanes(VectorOperators.ADD);
            for (; j < cols; j++) {
                float e = ScalarMath.exp(in.getAtIndex(F32, x + j) - max);
                sum += e;
                if (!log) {
                    out.setAtIndex(F32, o + j, e);
                }
            }
            if (log) {
                float lse = (float) Math.log(sum);
                for (j = 0; j < bound; j += FL) {
                    store(load(in, x + j).sub(max).sub(lse), out, o + j);
                }
                for (; j < cols; j++) {
                    out.setAtIndex(F32, o + j, (in.getAtIndex(F32, x + j) - max) - lse);
                }
            } else {
                float inv = 1f / sum;
                for (j = 0; j < bound; j += FL) {
                    store(load(out, o + j).mul(inv), out, o + j);
                }
                for (; j < cols; j++) {
                    out.setAtIndex(F32, o + j, out.getAtIndex(F32, o + j) * inv);
                }
            }
        }
    }

    @Override
    public void softmaxForwardF64(boolean log, int rows, int cols,
                                  MemorySegment out, long outOff, long ldOut, MemorySegment in, long inOff, long ldIn) {
        scalar.softmaxForwardF64(log, rows, cols, out, outOff, ldOut, in, inOff, ldIn);
    }

    @Override
    public void softmaxBackwardF32(boolean log, int rows, int cols,
                                   MemorySegment dIn, long dInOff, long ldDIn, MemorySegment dOut, long dOutOff,
                                   long ldDOut, MemorySegment y, long yOff, long ldY) {
        int bound = F.loopBound(cols);
        for (int i = 0; i < rows; i++) {
            long di = dInOff + i * ldDIn;
            long g = dOutOff + i * ldDOut;
            long yi = yOff + i * ldY;
            FloatVector sV = FloatVector.zero(F);
            int j = 0;
            for (; j < bound; j += FL) {
                sV = log ? sV.add(load(dOut, g + j)) : load(dOut, g + j).fma(load(y, yi + j), sV);
            }
            float s = sV.reduceLanes(VectorOperators.ADD);
            for (; j < cols; j++) {
                s += log ? dOut.getAtIndex(F32, g + j) : dOut.getAtIndex(F32, g + j) * y.getAtIndex(F32, yi + j);
            }
            for (j = 0; j < bound; j += FL) {
                FloatVector gj = load(dOut, g + j);
                FloatVector yj = load(y, yi + j);
                FloatVector d = log ? SimdMath.exp(yj).neg().fma(FloatVector.broadcast(F, s), gj) : yj.mul(gj.sub(s));
                store(load(dIn, di + j).add(d), dIn, di + j);
            }
            for (; j < cols; j++) {
                float gj = dOut.getAtIndex(F32, g + j);
                float yj = y.getAtIndex(F32, yi + j);
                float d = log ? Math.fma(-ScalarMath.exp(yj), s, gj) : yj * (gj - s);
                dIn.setAtIndex(F32, di + j, dIn.getAtIndex(F32, di + j) + d);
            }
        }
    }

    @Override
    public void softmaxBackwardF64(boolean log, int rows, int cols,
                                   MemorySegment dIn, long dInOff, long ldDIn, MemorySegment dOut, long dOutOff,
                                   long ldDOut, MemorySegment y, long yOff, long ldY) {
        scalar.softmaxBackwardF64(log, rows, cols, dIn, dInOff, ldDIn, dOut, dOutOff, ldDOut, y, yOff, ldY);
    }
}
