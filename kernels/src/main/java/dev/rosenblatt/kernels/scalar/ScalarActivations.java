package dev.rosenblatt.kernels.scalar;

import dev.rosenblatt.kernels.Activation;
import dev.rosenblatt.kernels.Activations;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Activations one element at a time; the float32 functions are {@link ScalarMath}'s. */
public final class ScalarActivations implements Activations {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    /** f(x) in float32. Public so that the SIMD kernels finish their tails with exactly these functions. */
    public static float forward(Activation op, float param, float x) {
        return switch (op) {
            case IDENTITY -> x;
            case STEP -> x > 0f ? 1f : (x != x ? x : 0f);
            case SIGMOID -> ScalarMath.sigmoid(x);
            case TANH -> ScalarMath.tanh(x);
            case RELU -> Math.max(x, 0f);
            case LEAKY_RELU -> x > 0f ? x : param * x;
            case ELU -> x > 0f ? x : param * ScalarMath.expm1(x);
            case GELU_ERF -> ScalarMath.geluErfF(x);
            case GELU_TANH -> ScalarMath.geluTanhF(x);
            case SILU -> ScalarMath.silu(x);
            case SOFTPLUS -> ScalarMath.softplusF(x);
        };
    }

    /** f'(x) in float32, as the backward kernels use it (STEP: straight-through, 1). */
    public static float derivative(Activation op, float param, float x) {
        return switch (op) {
            case IDENTITY, STEP -> 1f;
            case SIGMOID -> ScalarMath.sigmoidPrime(x);
            case TANH -> ScalarMath.tanhPrime(x);
            case RELU -> x > 0f ? 1f : (x != x ? x : 0f);
            case LEAKY_RELU -> x > 0f ? 1f : (x != x ? x : param);
            case ELU -> x > 0f ? 1f : param * ScalarMath.exp(x);
            case GELU_ERF -> ScalarMath.geluErfPrimeF(x);
            case GELU_TANH -> ScalarMath.geluTanhPrimeF(x);
            case SILU -> ScalarMath.siluPrime(x);
            case SOFTPLUS -> ScalarMath.sigmoid(x);
        };
    }

    public static double forward(Activation op, double param, double x) {
        return switch (op) {
            case IDENTITY -> x;
            case STEP -> x > 0 ? 1 : (x != x ? x : 0);
            case SIGMOID -> ScalarMath.sigmoid(x);
            case TANH -> Math.tanh(x);
            case RELU -> Math.max(x, 0);
            case LEAKY_RELU -> x > 0 ? x : param * x;
            case ELU -> ScalarMath.elu(x, param);
            case GELU_ERF -> ScalarMath.geluErf(x);
            case GELU_TANH -> ScalarMath.geluTanh(x);
            case SILU -> ScalarMath.silu(x);
            case SOFTPLUS -> ScalarMath.softplus(x);
        };
    }

    public static double derivative(Activation op, double param, double x) {
        return switch (op) {
            case IDENTITY, STEP -> 1;
            case SIGMOID -> ScalarMath.sigmoidPrime(x);
            case TANH -> ScalarMath.tanhPrime(x);
            case RELU -> x > 0 ? 1 : (x != x ? x : 0);
            case LEAKY_RELU -> x > 0 ? 1 : (x != x ? x : param);
            case ELU -> ScalarMath.eluPrime(x, param);
            case GELU_ERF -> ScalarMath.geluErfPrime(x);
            case GELU_TANH -> ScalarMath.geluTanhPrime(x);
            case SILU -> ScalarMath.siluPrime(x);
            case SOFTPLUS -> ScalarMath.sigmoid(x);
        };
    }

    @Override
    public void forwardF32(Activation op, float param, int rows, int cols,
                           MemorySegment out, long outOff, long ldOut, MemorySegment in, long inOff, long ldIn) {
        for (int i = 0; i < rows; i++) {
            long o = outOff + i * ldOut;
            long x = inOff + i * ldIn;
            for (int j = 0; j < cols; j++) {
                out.setAtIndex(F32, o + j, forward(op, param, in.getAtIndex(F32, x + j)));
            }
        }
    }

    @Override
    public void backwardF32(Activation op, float param, int rows, int cols,
                            MemorySegment dIn, long dInOff, long ldDIn, MemorySegment dOut, long dOutOff, long ldDOut,
                            MemorySegment in, long inOff, long ldIn) {
        for (int i = 0; i < rows; i++) {
            long di = dInOff + i * ldDIn;
            long dout = dOutOff + i * ldDOut;
            long x = inOff + i * ldIn;
            for (int j = 0; j < cols; j++) {
                float d = derivative(op, param, in.getAtIndex(F32, x + j));
                dIn.setAtIndex(F32, di + j, Math.fma(dOut.getAtIndex(F32, dout + j), d, dIn.getAtIndex(F32, di + j)));
            }
        }
    }

    @Override
    public void forwardF64(Activation op, double param, int rows, int cols,
                           MemorySegment out, long outOff, long ldOut, MemorySegment in, long inOff, long ldIn) {
        for (int i = 0; i < rows; i++) {
            long o = outOff + i * ldOut;
            long x = inOff + i * ldIn;
            for (int j = 0; j < cols; j++) {
                out.setAtIndex(F64, o + j, forward(op, param, in.getAtIndex(F64, x + j)));
            }
        }
    }

    @Override
    public void backwardF64(Activation op, double param, int rows, int cols,
                            MemorySegment dIn, long dInOff, long ldDIn, MemorySegment dOut, long dOutOff, long ldDOut,
                            MemorySegment in, long inOff, long ldIn) {
        for (int i = 0; i < rows; i++) {
            long di = dInOff + i * ldDIn;
            long dout = dOutOff + i * ldDOut;
            long x = inOff + i * ldIn;
            for (int j = 0; j < cols; j++) {
                double d = derivative(op, param, in.getAtIndex(F64, x + j));
                dIn.setAtIndex(F64, di + j, Math.fma(dOut.getAtIndex(F64, dout + j), d, dIn.getAtIndex(F64, di + j)));
            }
        }
    }

    @Override
    public void softmaxForwardF32(boolean log, int rows, int cols,
                                  MemorySegment out, long outOff, long ldOut, MemorySegment in, long inOff, long ldIn) {
        for (int i = 0; i < rows; i++) {
            long o = outOff + i * ldOut;
            long x = inOff + i * ldIn;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, in.getAtIndex(F32, x + j));
            }
            float sum = 0f;
            for (int j = 0; j < cols; j++) {
                float e = ScalarMath.exp(in.getAtIndex(F32, x + j) - max);
                sum += e;
                if (!log) {
                    out.setAtIndex(F32, o + j, e);
                }
            }
            if (log) {
                float lse = (float) Math.log(sum);
                for (int j = 0; j < cols; j++) {
                    out.setAtIndex(F32, o + j, (in.getAtIndex(F32, x + j) - max) - lse);
                }
            } else {
                float inv = 1f / sum;
                for (int j = 0; j < cols; j++) {
                    out.setAtIndex(F32, o + j, out.getAtIndex(F32, o + j) * inv);
                }
            }
        }
    }

    @Override
    public void softmaxForwardF64(boolean log, int rows, int cols,
                                  MemorySegment out, long outOff, long ldOut, MemorySegment in, long inOff, long ldIn) {
        for (int i = 0; i < rows; i++) {
            long o = outOff + i * ldOut;
            long x = inOff + i * ldIn;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, in.getAtIndex(F64, x + j));
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += Math.exp(in.getAtIndex(F64, x + j) - max);
            }
            double lse = Math.log(sum);
            for (int j = 0; j < cols; j++) {
                double z = in.getAtIndex(F64, x + j) - max;
                out.setAtIndex(F64, o + j, log ? z - lse : Math.exp(z) / sum);
            }
        }
    }

    @Override
    public void softmaxBackwardF32(boolean log, int rows, int cols,
                                   MemorySegment dIn, long dInOff, long ldDIn, MemorySegment dOut, long dOutOff,
                                   long ldDOut, MemorySegment y, long yOff, long ldY) {
        for (int i = 0; i < rows; i++) {
            long di = dInOff + i * ldDIn;
            long g = dOutOff + i * ldDOut;
            long yi = yOff + i * ldY;
            float s = 0f;
            for (int j = 0; j < cols; j++) {
                s += log ? dOut.getAtIndex(F32, g + j) : dOut.getAtIndex(F32, g + j) * y.getAtIndex(F32, yi + j);
            }
            for (int j = 0; j < cols; j++) {
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
        for (int i = 0; i < rows; i++) {
            long di = dInOff + i * ldDIn;
            long g = dOutOff + i * ldDOut;
            long yi = yOff + i * ldY;
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += log ? dOut.getAtIndex(F64, g + j) : dOut.getAtIndex(F64, g + j) * y.getAtIndex(F64, yi + j);
            }
            for (int j = 0; j < cols; j++) {
                double gj = dOut.getAtIndex(F64, g + j);
                double yj = y.getAtIndex(F64, yi + j);
                double d = log ? gj - Math.exp(yj) * s : yj * (gj - s);
                dIn.setAtIndex(F64, di + j, dIn.getAtIndex(F64, di + j) + d);
            }
        }
    }
}
