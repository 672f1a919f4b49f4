package dev.rosenblatt.kernels.simd;

import dev.rosenblatt.kernels.Activation;
import dev.rosenblatt.kernels.Activations;
import dev.rosenblatt.kernels.scalar.ScalarActivations;
import dev.rosenblatt.kernels.scalar.ScalarMath;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.rosenblatt.kernels.simd.SimdMath.*;
import static dev.rosenblatt.kernels.simd.SimdSpecies.ORDER;

/**
 * Activations with the Vector API, row by row: a vector loop to {@code loopBound}, then the scalar tail with
 * {@link ScalarActivations}'s functions, which compute the same bits. One loop per activation (generated-looking on
 * purpose): a switch on the activation inside the loop would be left to C2 to unswitch, and it does not reliably.
 *
 * <p>The loop bodies contain the arithmetic of {@code SimdMath}/{@code ScalarMath} written out inline, loads and
 * stores included, with no call to a helper of ours: once the graph is large C2 stops inlining non-JDK methods
 * (NodeCountInliningCutoff), and a vector argument or result of a call that is not inlined is boxed on the heap.
 * Special values are handled with masks and blends, never with branches on lane values.
 *
 * <p>GELU (both forms) and softplus compute in float64: float32 lanes are widened to float64 vectors of the same
 * lane count ({@code FH}, half the width, to {@code D}), evaluated, and narrowed with one rounding. The float64
 * kernels (gradient checks, not speed) are the scalar ones.
 */
final class SimdActivations implements Activations {

    private static final VectorSpecies<Float> F = SimdSpecies.F32;
    private static final VectorSpecies<Double> D = SimdSpecies.F64;
    private static final VectorSpecies<Integer> I = SimdMath.I;
    private static final VectorSpecies<Long> L = D.withLanes(long.class);
    /** Float vectors with as many lanes as D: half the width. */
    private static final VectorSpecies<Float> FH =
            VectorSpecies.of(float.class, VectorShape.forBitSize(SimdSpecies.BITS / 2));
    private static final int FL = F.length();
    private static final int DL = D.length();
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private final ScalarActivations scalar = new ScalarActivations();

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
            long dib = (di + j) * Float.BYTES;
            FloatVector.fromMemorySegment(F, dOut, (g + j) * Float.BYTES, ORDER)
                    .add(FloatVector.fromMemorySegment(F, dIn, dib, ORDER)).intoMemorySegment(dIn, dib, ORDER);
        }
        tailBackward(op, 0f, j, n, dIn, di, dOut, g, in, x);
    }

    private static void identityForward(float param, int n, MemorySegment out, long o, MemorySegment in, long x0) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = FloatVector.fromMemorySegment(F, in, (x0 + j) * Float.BYTES, ORDER);
            x.intoMemorySegment(out, (o + j) * Float.BYTES, ORDER);
        }
        tailForward(Activation.IDENTITY, param, j, n, out, o, in, x0);
    }

    private static void stepForward(float param, int n, MemorySegment out, long o, MemorySegment in, long x0) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = FloatVector.fromMemorySegment(F, in, (x0 + j) * Float.BYTES, ORDER);
            FloatVector.zero(F).blend(FloatVector.broadcast(F, 1f), x.compare(VectorOperators.GT, 0f))
                    .blend(x, x.test(VectorOperators.IS_NAN)).intoMemorySegment(out, (o + j) * Float.BYTES, ORDER);
        }
        tailForward(Activation.STEP, param, j, n, out, o, in, x0);
    }

    private static void sigmoidForward(float param, int n, MemorySegment out, long o, MemorySegment in, long x0) {
        int j = 0;
        // Two vectors a step, both stored at the end. Each segment access keeps its checks (bounds, liveness,
        // read-only) inside a loop of Vector API accesses (read in the compiled loop: C2 does not hoist them), so
        // a step now pays them once per two vectors' work, and the two chains overlap (the division's latency).
        // Storing the first vector before loading the second kept them apart: tanh gained nothing that way, 11%
        // this way; sigmoid and SiLU 35-40% at 64K (2026-11-26). A pair with an over/underflow lane ends this
        // loop; the one-vector loop below, which has the slow path, goes on from it.
        for (int bound2 = n - n % (2 * FL); j < bound2; j += 2 * FL) {
            FloatVector xA = FloatVector.fromMemorySegment(F, in, (x0 + j) * Float.BYTES, ORDER);
            FloatVector aA = xA.reinterpretAsInts().or(SIGN).reinterpretAsFloats();
            FloatVector tA = aA.fma(LOG2E, SHIFTER);
            FloatVector nfA = tA.sub(SHIFTER);
            FloatVector rA = nfA.fma(FloatVector.broadcast(F, -LN2_HI), aA);
            rA = nfA.fma(FloatVector.broadcast(F, -LN2_LO), rA);
            FloatVector qA = FloatVector.broadcast(F, R4).fma(rA, FloatVector.broadcast(F, R3));
            qA = qA.fma(rA, FloatVector.broadcast(F, R2));
            qA = qA.fma(rA, FloatVector.broadcast(F, R1));
            qA = qA.fma(rA, FloatVector.broadcast(F, R0));
            FloatVector oneA = FloatVector.broadcast(F, 1f);
            FloatVector pA = qA.fma(rA, oneA).fma(rA, oneA);
            FloatVector hA = IntVector.broadcast(I, POW2_NEG).sub(tA.reinterpretAsInts())
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            VectorMask<Float> negA = xA.compare(VectorOperators.LT, 0f);
            FloatVector yA = hA.blend(pA, negA).div(hA.add(pA));
            FloatVector xB = FloatVector.fromMemorySegment(F, in, (x0 + j + FL) * Float.BYTES, ORDER);
            FloatVector aB = xB.reinterpretAsInts().or(SIGN).reinterpretAsFloats();
            FloatVector tB = aB.fma(LOG2E, SHIFTER);
            FloatVector nfB = tB.sub(SHIFTER);
            FloatVector rB = nfB.fma(FloatVector.broadcast(F, -LN2_HI), aB);
            rB = nfB.fma(FloatVector.broadcast(F, -LN2_LO), rB);
            FloatVector qB = FloatVector.broadcast(F, R4).fma(rB, FloatVector.broadcast(F, R3));
            qB = qB.fma(rB, FloatVector.broadcast(F, R2));
            qB = qB.fma(rB, FloatVector.broadcast(F, R1));
            qB = qB.fma(rB, FloatVector.broadcast(F, R0));
            FloatVector oneB = FloatVector.broadcast(F, 1f);
            FloatVector pB = qB.fma(rB, oneB).fma(rB, oneB);
            FloatVector hB = IntVector.broadcast(I, POW2_NEG).sub(tB.reinterpretAsInts())
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            VectorMask<Float> negB = xB.compare(VectorOperators.LT, 0f);
            FloatVector yB = hB.blend(pB, negB).div(hB.add(pB));
            if (aA.compare(VectorOperators.LT, FAST_LO).or(aB.compare(VectorOperators.LT, FAST_LO)).anyTrue()) {
                break;
            }
            yA.intoMemorySegment(out, (o + j) * Float.BYTES, ORDER);
            yB.intoMemorySegment(out, (o + j + FL) * Float.BYTES, ORDER);
        }
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = FloatVector.fromMemorySegment(F, in, (x0 + j) * Float.BYTES, ORDER);
            FloatVector a = x.reinterpretAsInts().or(SIGN).reinterpretAsFloats();
            FloatVector t = a.fma(LOG2E, SHIFTER);
            FloatVector nf = t.sub(SHIFTER);
            FloatVector r = nf.fma(FloatVector.broadcast(F, -LN2_HI), a);
            r = nf.fma(FloatVector.broadcast(F, -LN2_LO), r);
            FloatVector q = FloatVector.broadcast(F, R4).fma(r, FloatVector.broadcast(F, R3));
            q = q.fma(r, FloatVector.broadcast(F, R2));
            q = q.fma(r, FloatVector.broadcast(F, R1));
            q = q.fma(r, FloatVector.broadcast(F, R0));
            FloatVector one = FloatVector.broadcast(F, 1f);
            FloatVector p = q.fma(r, one).fma(r, one);
            FloatVector h = IntVector.broadcast(I, POW2_NEG).sub(t.reinterpretAsInts())
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            VectorMask<Float> neg = x.compare(VectorOperators.LT, 0f);
            FloatVector y = h.blend(p, neg).div(h.add(p));
            VectorMask<Float> slow = a.compare(VectorOperators.LT, FAST_LO);
            if (slow.anyTrue()) {
                FloatVector ac = a.max(EXP_LO);
                FloatVector ts = ac.fma(LOG2E, SHIFTER);
                FloatVector ns = ts.sub(SHIFTER);
                IntVector ni = ts.reinterpretAsInts().sub(SHIFTER_BITS);
                FloatVector rs = ns.fma(FloatVector.broadcast(F, -LN2_HI), ac);
                rs = ns.fma(FloatVector.broadcast(F, -LN2_LO), rs);
                FloatVector qs = FloatVector.broadcast(F, R4).fma(rs, FloatVector.broadcast(F, R3));
                qs = qs.fma(rs, FloatVector.broadcast(F, R2));
                qs = qs.fma(rs, FloatVector.broadcast(F, R1));
                qs = qs.fma(rs, FloatVector.broadcast(F, R0));
                FloatVector ps = qs.fma(rs, one).fma(rs, one);
                IntVector eh = ni.lanewise(VectorOperators.ASHR, 1);
                FloatVector e = ps.mul(eh.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                        .mul(ni.sub(eh).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
                y = y.blend(one.blend(e, neg), slow);
            }
            y.intoMemorySegment(out, (o + j) * Float.BYTES, ORDER);
        }
        tailForward(Activation.SIGMOID, param, j, n, out, o, in, x0);
    }

    private static void tanhForward(float param, int n, MemorySegment out, long o, MemorySegment in, long x0) {
        int j = 0;
        // Two vectors a step (see sigmoidForward), then one.
        for (int bound2 = n - n % (2 * FL); j < bound2; j += 2 * FL) {
            FloatVector xA = FloatVector.fromMemorySegment(F, in, (x0 + j) * Float.BYTES, ORDER);
            FloatVector axA = xA.abs();
            FloatVector aA = axA.mul(-2f);
            FloatVector tA = aA.fma(LOG2E, SHIFTER);
            FloatVector nfA = tA.sub(SHIFTER);
            FloatVector rA = nfA.fma(FloatVector.broadcast(F, -LN2_HI), aA);
            rA = nfA.fma(FloatVector.broadcast(F, -LN2_LO), rA);
            FloatVector qA = FloatVector.broadcast(F, R4).fma(rA, FloatVector.broadcast(F, R3));
            qA = qA.fma(rA, FloatVector.broadcast(F, R2));
            qA = qA.fma(rA, FloatVector.broadcast(F, R1));
            qA = qA.fma(rA, FloatVector.broadcast(F, R0));
            FloatVector sA = rA.mul(rA).fma(qA, rA);
            FloatVector pwA = tA.reinterpretAsInts().add(127 - SHIFTER_BITS)
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector yA = sA.fma(pwA, pwA.sub(1f)).div(sA.fma(pwA, pwA.add(1f)))
                    .blend(FloatVector.broadcast(F, 1f), axA.compare(VectorOperators.GT, TANH_ONE));
            yA = yA.reinterpretAsInts().and(~SIGN).or(xA.reinterpretAsInts().and(SIGN)).reinterpretAsFloats();
            FloatVector xB = FloatVector.fromMemorySegment(F, in, (x0 + j + FL) * Float.BYTES, ORDER);
            FloatVector axB = xB.abs();
            FloatVector aB = axB.mul(-2f);
            FloatVector tB = aB.fma(LOG2E, SHIFTER);
            FloatVector nfB = tB.sub(SHIFTER);
            FloatVector rB = nfB.fma(FloatVector.broadcast(F, -LN2_HI), aB);
            rB = nfB.fma(FloatVector.broadcast(F, -LN2_LO), rB);
            FloatVector qB = FloatVector.broadcast(F, R4).fma(rB, FloatVector.broadcast(F, R3));
            qB = qB.fma(rB, FloatVector.broadcast(F, R2));
            qB = qB.fma(rB, FloatVector.broadcast(F, R1));
            qB = qB.fma(rB, FloatVector.broadcast(F, R0));
            FloatVector sB = rB.mul(rB).fma(qB, rB);
            FloatVector pwB = tB.reinterpretAsInts().add(127 - SHIFTER_BITS)
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector yB = sB.fma(pwB, pwB.sub(1f)).div(sB.fma(pwB, pwB.add(1f)))
                    .blend(FloatVector.broadcast(F, 1f), axB.compare(VectorOperators.GT, TANH_ONE));
            yB = yB.reinterpretAsInts().and(~SIGN).or(xB.reinterpretAsInts().and(SIGN)).reinterpretAsFloats();
            yB.intoMemorySegment(out, (o + j + FL) * Float.BYTES, ORDER);
            yA.intoMemorySegment(out, (o + j) * Float.BYTES, ORDER);
        }
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = FloatVector.fromMemorySegment(F, in, (x0 + j) * Float.BYTES, ORDER);
            FloatVector ax = x.abs();
            FloatVector a = ax.mul(-2f);
            FloatVector t = a.fma(LOG2E, SHIFTER);
            FloatVector nf = t.sub(SHIFTER);
            FloatVector r = nf.fma(FloatVector.broadcast(F, -LN2_HI), a);
            r = nf.fma(FloatVector.broadcast(F, -LN2_LO), r);
            FloatVector q = FloatVector.broadcast(F, R4).fma(r, FloatVector.broadcast(F, R3));
            q = q.fma(r, FloatVector.broadcast(F, R2));
            q = q.fma(r, FloatVector.broadcast(F, R1));
            q = q.fma(r, FloatVector.broadcast(F, R0));
            FloatVector s = r.mul(r).fma(q, r);
            FloatVector pw = t.reinterpretAsInts().add(127 - SHIFTER_BITS)
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector y = s.fma(pw, pw.sub(1f)).div(s.fma(pw, pw.add(1f)))
                    .blend(FloatVector.broadcast(F, 1f), ax.compare(VectorOperators.GT, TANH_ONE));
            y = y.reinterpretAsInts().and(~SIGN).or(x.reinterpretAsInts().and(SIGN)).reinterpretAsFloats();
            y.intoMemorySegment(out, (o + j) * Float.BYTES, ORDER);
        }
        tailForward(Activation.TANH, param, j, n, out, o, in, x0);
    }

    private static void reluForward(float param, int n, MemorySegment out, long o, MemorySegment in, long x0) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = FloatVector.fromMemorySegment(F, in, (x0 + j) * Float.BYTES, ORDER);
            x.max(0f).intoMemorySegment(out, (o + j) * Float.BYTES, ORDER);
        }
        tailForward(Activation.RELU, param, j, n, out, o, in, x0);
    }

    private static void leakyReluForward(float param, int n, MemorySegment out, long o, MemorySegment in, long x0) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = FloatVector.fromMemorySegment(F, in, (x0 + j) * Float.BYTES, ORDER);
            x.mul(param).blend(x, x.compare(VectorOperators.GT, 0f))
                    .intoMemorySegment(out, (o + j) * Float.BYTES, ORDER);
        }
        tailForward(Activation.LEAKY_RELU, param, j, n, out, o, in, x0);
    }

    private static void eluForward(float param, int n, MemorySegment out, long o, MemorySegment in, long x0) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = FloatVector.fromMemorySegment(F, in, (x0 + j) * Float.BYTES, ORDER);
            FloatVector xc = x.max(EXP_LO).min(EXP_HI);
            FloatVector t = xc.fma(LOG2E, SHIFTER);
            FloatVector nf = t.sub(SHIFTER);
            IntVector ni = t.reinterpretAsInts().sub(SHIFTER_BITS);
            FloatVector r = nf.fma(FloatVector.broadcast(F, -LN2_HI), xc);
            r = nf.fma(FloatVector.broadcast(F, -LN2_LO), r);
            FloatVector q = FloatVector.broadcast(F, Q5).fma(r, FloatVector.broadcast(F, Q4));
            q = q.fma(r, FloatVector.broadcast(F, Q3));
            q = q.fma(r, FloatVector.broadcast(F, Q2));
            q = q.fma(r, FloatVector.broadcast(F, Q1));
            q = q.fma(r, FloatVector.broadcast(F, Q0));
            FloatVector s = r.mul(r).fma(q, r);
            FloatVector one = FloatVector.broadcast(F, 1f);
            IntVector pwh = ni.lanewise(VectorOperators.ASHR, 1);
            FloatVector pw = one.mul(pwh.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .mul(ni.sub(pwh).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            FloatVector y = s.fma(pw, pw.sub(1f)).mul(param).blend(x, x.compare(VectorOperators.GT, 0f));
            y.intoMemorySegment(out, (o + j) * Float.BYTES, ORDER);
        }
        tailForward(Activation.ELU, param, j, n, out, o, in, x0);
    }

    private static void siluForward(float param, int n, MemorySegment out, long o, MemorySegment in, long x0) {
        int j = 0;
        // Two vectors a step (see sigmoidForward); a pair with an over/underflow lane ends this loop, and the
        // one-vector loop below, which has the slow path, goes on.
        for (int bound2 = n - n % (2 * FL); j < bound2; j += 2 * FL) {
            FloatVector xA = FloatVector.fromMemorySegment(F, in, (x0 + j) * Float.BYTES, ORDER);
            FloatVector aA = xA.reinterpretAsInts().or(SIGN).reinterpretAsFloats();
            FloatVector tA = aA.fma(LOG2E, SHIFTER);
            FloatVector nfA = tA.sub(SHIFTER);
            FloatVector rA = nfA.fma(FloatVector.broadcast(F, -LN2_HI), aA);
            rA = nfA.fma(FloatVector.broadcast(F, -LN2_LO), rA);
            FloatVector qA = FloatVector.broadcast(F, R4).fma(rA, FloatVector.broadcast(F, R3));
            qA = qA.fma(rA, FloatVector.broadcast(F, R2));
            qA = qA.fma(rA, FloatVector.broadcast(F, R1));
            qA = qA.fma(rA, FloatVector.broadcast(F, R0));
            FloatVector sA = rA.mul(rA).fma(qA, rA);
            FloatVector hA = IntVector.broadcast(I, POW2_NEG).sub(tA.reinterpretAsInts())
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            VectorMask<Float> negA = xA.compare(VectorOperators.LT, 0f);
            FloatVector yA = xA.mul(hA).blend(xA.fma(sA, xA), negA).div(hA.add(1f).add(sA));
            FloatVector xB = FloatVector.fromMemorySegment(F, in, (x0 + j + FL) * Float.BYTES, ORDER);
            FloatVector aB = xB.reinterpretAsInts().or(SIGN).reinterpretAsFloats();
            FloatVector tB = aB.fma(LOG2E, SHIFTER);
            FloatVector nfB = tB.sub(SHIFTER);
            FloatVector rB = nfB.fma(FloatVector.broadcast(F, -LN2_HI), aB);
            rB = nfB.fma(FloatVector.broadcast(F, -LN2_LO), rB);
            FloatVector qB = FloatVector.broadcast(F, R4).fma(rB, FloatVector.broadcast(F, R3));
            qB = qB.fma(rB, FloatVector.broadcast(F, R2));
            qB = qB.fma(rB, FloatVector.broadcast(F, R1));
            qB = qB.fma(rB, FloatVector.broadcast(F, R0));
            FloatVector sB = rB.mul(rB).fma(qB, rB);
            FloatVector hB = IntVector.broadcast(I, POW2_NEG).sub(tB.reinterpretAsInts())
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            VectorMask<Float> negB = xB.compare(VectorOperators.LT, 0f);
            FloatVector yB = xB.mul(hB).blend(xB.fma(sB, xB), negB).div(hB.add(1f).add(sB));
            if (aA.compare(VectorOperators.LT, FAST_LO).or(aB.compare(VectorOperators.LT, FAST_LO)).anyTrue()) {
                break;
            }
            yA.intoMemorySegment(out, (o + j) * Float.BYTES, ORDER);
            yB.intoMemorySegment(out, (o + j + FL) * Float.BYTES, ORDER);
        }
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = FloatVector.fromMemorySegment(F, in, (x0 + j) * Float.BYTES, ORDER);
            FloatVector a = x.reinterpretAsInts().or(SIGN).reinterpretAsFloats();
            FloatVector t = a.fma(LOG2E, SHIFTER);
            FloatVector nf = t.sub(SHIFTER);
            FloatVector r = nf.fma(FloatVector.broadcast(F, -LN2_HI), a);
            r = nf.fma(FloatVector.broadcast(F, -LN2_LO), r);
            FloatVector q = FloatVector.broadcast(F, R4).fma(r, FloatVector.broadcast(F, R3));
            q = q.fma(r, FloatVector.broadcast(F, R2));
            q = q.fma(r, FloatVector.broadcast(F, R1));
            q = q.fma(r, FloatVector.broadcast(F, R0));
            FloatVector s = r.mul(r).fma(q, r);
            FloatVector h = IntVector.broadcast(I, POW2_NEG).sub(t.reinterpretAsInts())
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            VectorMask<Float> neg = x.compare(VectorOperators.LT, 0f);
            FloatVector y = x.mul(h).blend(x.fma(s, x), neg).div(h.add(1f).add(s));
            VectorMask<Float> slow = a.compare(VectorOperators.LT, FAST_LO);
            if (slow.anyTrue()) {
                FloatVector ac = a.max(EXP_LO);
                FloatVector ts = ac.fma(LOG2E, SHIFTER);
                FloatVector ns = ts.sub(SHIFTER);
                IntVector ni = ts.reinterpretAsInts().sub(SHIFTER_BITS);
                FloatVector rs = ns.fma(FloatVector.broadcast(F, -LN2_HI), ac);
                rs = ns.fma(FloatVector.broadcast(F, -LN2_LO), rs);
                FloatVector qs = FloatVector.broadcast(F, R4).fma(rs, FloatVector.broadcast(F, R3));
                qs = qs.fma(rs, FloatVector.broadcast(F, R2));
                qs = qs.fma(rs, FloatVector.broadcast(F, R1));
                qs = qs.fma(rs, FloatVector.broadcast(F, R0));
                FloatVector ps = rs.mul(rs).fma(qs, rs).add(1f);
                FloatVector xs = x.max(EXP_LO).mul(ps);
                IntVector eh = ni.lanewise(VectorOperators.ASHR, 1);
                FloatVector e = xs.mul(eh.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                        .mul(ni.sub(eh).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
                y = y.blend(x.blend(e, neg), slow);
            }
            y.intoMemorySegment(out, (o + j) * Float.BYTES, ORDER);
        }
        tailForward(Activation.SILU, param, j, n, out, o, in, x0);
    }

    private static void geluErfForward(float param, int n, MemorySegment out, long o, MemorySegment in, long x0) {
        int j = 0;
        for (int bound = D.loopBound(n); j < bound; j += DL) {
            DoubleVector x = (DoubleVector) FloatVector.fromMemorySegment(FH, in, (x0 + j) * Float.BYTES, ORDER)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector ac = x.abs().min(PHI_A_MAX);
            DoubleVector t = DoubleVector.broadcast(D, 2).div(ac.add(2));
            DoubleVector sh = t.sub(0.5);
            DoubleVector h = DoubleVector.broadcast(D, HF12);
            h = h.fma(sh, DoubleVector.broadcast(D, HF11));
            h = h.fma(sh, DoubleVector.broadcast(D, HF10));
            h = h.fma(sh, DoubleVector.broadcast(D, HF9));
            h = h.fma(sh, DoubleVector.broadcast(D, HF8));
            h = h.fma(sh, DoubleVector.broadcast(D, HF7));
            h = h.fma(sh, DoubleVector.broadcast(D, HF6));
            h = h.fma(sh, DoubleVector.broadcast(D, HF5));
            h = h.fma(sh, DoubleVector.broadcast(D, HF4));
            h = h.fma(sh, DoubleVector.broadcast(D, HF3));
            h = h.fma(sh, DoubleVector.broadcast(D, HF2));
            h = h.fma(sh, DoubleVector.broadcast(D, HF1));
            h = h.fma(sh, DoubleVector.broadcast(D, HF0));
            DoubleVector arg = ac.mul(-0.5).mul(ac);
            DoubleVector te = arg.fma(LOG2E_D, SHIFTER_D);
            DoubleVector nf = te.sub(SHIFTER_D);
            DoubleVector r = nf.fma(DoubleVector.broadcast(D, -LN2_D), arg);
            DoubleVector p = DoubleVector.broadcast(D, ED6).fma(r, DoubleVector.broadcast(D, ED5));
            p = p.fma(r, DoubleVector.broadcast(D, ED4));
            p = p.fma(r, DoubleVector.broadcast(D, ED3));
            p = p.fma(r, DoubleVector.broadcast(D, ED2));
            p = p.fma(r, DoubleVector.broadcast(D, ED1));
            p = p.fma(r, DoubleVector.broadcast(D, ED0));
            DoubleVector pw = te.reinterpretAsLongs().add(1023 - Double.doubleToRawLongBits(SHIFTER_D))
                    .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector tail = p.mul(pw).mul(t).mul(h);
            DoubleVector xs = x.max(-2 * PHI_A_MAX);
            DoubleVector y = x.mul(DoubleVector.broadcast(D, 1).sub(tail)).blend(xs.mul(tail), x.compare(VectorOperators.LT, 0));
            y.convertShape(VectorOperators.D2F, FH, 0).intoMemorySegment(out, (o + j) * Float.BYTES, ORDER);
        }
        tailForward(Activation.GELU_ERF, param, j, n, out, o, in, x0);
    }

    private static void geluTanhForward(float param, int n, MemorySegment out, long o, MemorySegment in, long x0) {
        int j = 0;
        for (int bound = D.loopBound(n); j < bound; j += DL) {
            DoubleVector x = (DoubleVector) FloatVector.fromMemorySegment(FH, in, (x0 + j) * Float.BYTES, ORDER)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector w = x.mul(DoubleVector.broadcast(D, GELU_TANH_B).fma(x.mul(x), DoubleVector.broadcast(D, GELU_TANH_A)));
            // max(-|w|, -700) on the bits: among negative doubles the larger is the smaller signed long.
            DoubleVector a = w.reinterpretAsLongs().or(Long.MIN_VALUE).min(EXPD_LO_BITS).reinterpretAsDoubles();
            DoubleVector t = a.fma(LOG2E_D, SHIFTER_D);
            DoubleVector nf = t.sub(SHIFTER_D);
            DoubleVector r = nf.fma(DoubleVector.broadcast(D, -LN2_D), a);
            DoubleVector p = DoubleVector.broadcast(D, ED6).fma(r, DoubleVector.broadcast(D, ED5));
            p = p.fma(r, DoubleVector.broadcast(D, ED4));
            p = p.fma(r, DoubleVector.broadcast(D, ED3));
            p = p.fma(r, DoubleVector.broadcast(D, ED2));
            p = p.fma(r, DoubleVector.broadcast(D, ED1));
            p = p.fma(r, DoubleVector.broadcast(D, ED0));
            DoubleVector h = LongVector.broadcast(L, POW2_NEG_D).sub(t.reinterpretAsLongs())
                    .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector sg = h.blend(p, w.compare(VectorOperators.LT, 0)).div(h.add(p));
            DoubleVector xs = x.blend(DoubleVector.broadcast(D, -800), x.compare(VectorOperators.LT, -800));
            xs.mul(sg).convertShape(VectorOperators.D2F, FH, 0).intoMemorySegment(out, (o + j) * Float.BYTES, ORDER);
        }
        tailForward(Activation.GELU_TANH, param, j, n, out, o, in, x0);
    }

    private static void softplusForward(float param, int n, MemorySegment out, long o, MemorySegment in, long x0) {
        int j = 0;
        for (int bound = D.loopBound(n); j < bound; j += DL) {
            DoubleVector x = (DoubleVector) FloatVector.fromMemorySegment(FH, in, (x0 + j) * Float.BYTES, ORDER)
                    .convertShape(VectorOperators.F2D, D, 0);
            // ScalarMath.softplusF's operations, lane for lane: e = e^max(-|x|, -700) = p 2^n, then log1p(e) by
            // the atanh series in s = e / (2 + e). (The Vector API's EXP and LOG1P took 6x sigmoid's time.)
            DoubleVector a = x.reinterpretAsLongs().or(Long.MIN_VALUE).min(EXPD_LO_BITS).reinterpretAsDoubles();
            DoubleVector t = a.fma(LOG2E_D, SHIFTER_D);
            DoubleVector nf = t.sub(SHIFTER_D);
            DoubleVector r = nf.fma(DoubleVector.broadcast(D, -LN2_D), a);
            DoubleVector p = DoubleVector.broadcast(D, ED6).fma(r, DoubleVector.broadcast(D, ED5));
            p = p.fma(r, DoubleVector.broadcast(D, ED4));
            p = p.fma(r, DoubleVector.broadcast(D, ED3));
            p = p.fma(r, DoubleVector.broadcast(D, ED2));
            p = p.fma(r, DoubleVector.broadcast(D, ED1));
            p = p.fma(r, DoubleVector.broadcast(D, ED0));
            DoubleVector e = p.mul(t.reinterpretAsLongs().sub(POW2_POS_D).lanewise(VectorOperators.LSHL, 52)
                    .reinterpretAsDoubles());
            DoubleVector sv = e.div(e.add(2));
            DoubleVector z = sv.mul(sv);
            DoubleVector q = DoubleVector.broadcast(D, LP8).fma(z, DoubleVector.broadcast(D, LP7));
            q = q.fma(z, DoubleVector.broadcast(D, LP6));
            q = q.fma(z, DoubleVector.broadcast(D, LP5));
            q = q.fma(z, DoubleVector.broadcast(D, LP4));
            q = q.fma(z, DoubleVector.broadcast(D, LP3));
            q = q.fma(z, DoubleVector.broadcast(D, LP2));
            q = q.fma(z, DoubleVector.broadcast(D, LP1));
            q = q.fma(z, DoubleVector.broadcast(D, LP0));
            DoubleVector y = x.max(0).add(sv.mul(q));
            y.convertShape(VectorOperators.D2F, FH, 0).intoMemorySegment(out, (o + j) * Float.BYTES, ORDER);
        }
        tailForward(Activation.SOFTPLUS, param, j, n, out, o, in, x0);
    }

    private static void sigmoidBackward(float param, int n, MemorySegment dIn, long di, MemorySegment dOut, long g,
                                     MemorySegment in, long x0) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = FloatVector.fromMemorySegment(F, in, (x0 + j) * Float.BYTES, ORDER);
            FloatVector mx = x.abs().neg();
            FloatVector xc = mx.max(EXP_LO).min(EXP_HI);
            FloatVector t = xc.fma(LOG2E, SHIFTER);
            FloatVector nf = t.sub(SHIFTER);
            IntVector ni = t.reinterpretAsInts().sub(SHIFTER_BITS);
            FloatVector r = nf.fma(FloatVector.broadcast(F, -LN2_HI), xc);
            r = nf.fma(FloatVector.broadcast(F, -LN2_LO), r);
            FloatVector q = FloatVector.broadcast(F, Q5).fma(r, FloatVector.broadcast(F, Q4));
            q = q.fma(r, FloatVector.broadcast(F, Q3));
            q = q.fma(r, FloatVector.broadcast(F, Q2));
            q = q.fma(r, FloatVector.broadcast(F, Q1));
            q = q.fma(r, FloatVector.broadcast(F, Q0));
            FloatVector s = r.mul(r).fma(q, r);
            FloatVector p1 = s.add(1f);
            IntVector eh = ni.lanewise(VectorOperators.ASHR, 1);
            FloatVector e = p1.mul(eh.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .mul(ni.sub(eh).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            FloatVector d = e.add(1f);
            FloatVector dy = e.div(d.mul(d));
            FloatVector.fromMemorySegment(F, dOut, (g + j) * Float.BYTES, ORDER)
                    .fma(dy, FloatVector.fromMemorySegment(F, dIn, (di + j) * Float.BYTES, ORDER))
                    .intoMemorySegment(dIn, (di + j) * Float.BYTES, ORDER);
        }
        tailBackward(Activation.SIGMOID, param, j, n, dIn, di, dOut, g, in, x0);
    }

    private static void tanhBackward(float param, int n, MemorySegment dIn, long di, MemorySegment dOut, long g,
                                     MemorySegment in, long x0) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = FloatVector.fromMemorySegment(F, in, (x0 + j) * Float.BYTES, ORDER);
            FloatVector mx = x.abs().mul(-2f);
            FloatVector xc = mx.max(EXP_LO).min(EXP_HI);
            FloatVector t = xc.fma(LOG2E, SHIFTER);
            FloatVector nf = t.sub(SHIFTER);
            IntVector ni = t.reinterpretAsInts().sub(SHIFTER_BITS);
            FloatVector r = nf.fma(FloatVector.broadcast(F, -LN2_HI), xc);
            r = nf.fma(FloatVector.broadcast(F, -LN2_LO), r);
            FloatVector q = FloatVector.broadcast(F, Q5).fma(r, FloatVector.broadcast(F, Q4));
            q = q.fma(r, FloatVector.broadcast(F, Q3));
            q = q.fma(r, FloatVector.broadcast(F, Q2));
            q = q.fma(r, FloatVector.broadcast(F, Q1));
            q = q.fma(r, FloatVector.broadcast(F, Q0));
            FloatVector s = r.mul(r).fma(q, r);
            FloatVector p1 = s.add(1f);
            IntVector eh = ni.lanewise(VectorOperators.ASHR, 1);
            FloatVector e = p1.mul(eh.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .mul(ni.sub(eh).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            FloatVector d = e.add(1f);
            FloatVector dy = e.mul(4f).div(d.mul(d));
            FloatVector.fromMemorySegment(F, dOut, (g + j) * Float.BYTES, ORDER)
                    .fma(dy, FloatVector.fromMemorySegment(F, dIn, (di + j) * Float.BYTES, ORDER))
                    .intoMemorySegment(dIn, (di + j) * Float.BYTES, ORDER);
        }
        tailBackward(Activation.TANH, param, j, n, dIn, di, dOut, g, in, x0);
    }

    private static void reluBackward(float param, int n, MemorySegment dIn, long di, MemorySegment dOut, long g,
                                     MemorySegment in, long x0) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = FloatVector.fromMemorySegment(F, in, (x0 + j) * Float.BYTES, ORDER);
            long dib = (di + j) * Float.BYTES;
            FloatVector slope = FloatVector.zero(F)
                    .blend(FloatVector.broadcast(F, 1f), x.compare(VectorOperators.GT, 0f))
                    .blend(x, x.test(VectorOperators.IS_NAN));
            FloatVector.fromMemorySegment(F, dOut, (g + j) * Float.BYTES, ORDER)
                    .fma(slope, FloatVector.fromMemorySegment(F, dIn, dib, ORDER)).intoMemorySegment(dIn, dib, ORDER);
        }
        tailBackward(Activation.RELU, param, j, n, dIn, di, dOut, g, in, x0);
    }

    private static void leakyReluBackward(float param, int n, MemorySegment dIn, long di, MemorySegment dOut, long g,
                                     MemorySegment in, long x0) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = FloatVector.fromMemorySegment(F, in, (x0 + j) * Float.BYTES, ORDER);
            long dib = (di + j) * Float.BYTES;
            FloatVector slope = FloatVector.broadcast(F, param)
                    .blend(FloatVector.broadcast(F, 1f), x.compare(VectorOperators.GT, 0f))
                    .blend(x, x.test(VectorOperators.IS_NAN));
            FloatVector.fromMemorySegment(F, dOut, (g + j) * Float.BYTES, ORDER)
                    .fma(slope, FloatVector.fromMemorySegment(F, dIn, dib, ORDER)).intoMemorySegment(dIn, dib, ORDER);
        }
        tailBackward(Activation.LEAKY_RELU, param, j, n, dIn, di, dOut, g, in, x0);
    }

    private static void eluBackward(float param, int n, MemorySegment dIn, long di, MemorySegment dOut, long g,
                                     MemorySegment in, long x0) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = FloatVector.fromMemorySegment(F, in, (x0 + j) * Float.BYTES, ORDER);
            FloatVector xc = x.max(EXP_LO).min(EXP_HI);
            FloatVector t = xc.fma(LOG2E, SHIFTER);
            FloatVector nf = t.sub(SHIFTER);
            IntVector ni = t.reinterpretAsInts().sub(SHIFTER_BITS);
            FloatVector r = nf.fma(FloatVector.broadcast(F, -LN2_HI), xc);
            r = nf.fma(FloatVector.broadcast(F, -LN2_LO), r);
            FloatVector q = FloatVector.broadcast(F, Q5).fma(r, FloatVector.broadcast(F, Q4));
            q = q.fma(r, FloatVector.broadcast(F, Q3));
            q = q.fma(r, FloatVector.broadcast(F, Q2));
            q = q.fma(r, FloatVector.broadcast(F, Q1));
            q = q.fma(r, FloatVector.broadcast(F, Q0));
            FloatVector s = r.mul(r).fma(q, r);
            FloatVector p1 = s.add(1f);
            IntVector eh = ni.lanewise(VectorOperators.ASHR, 1);
            FloatVector e = p1.mul(eh.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .mul(ni.sub(eh).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            FloatVector dy = e.mul(param).blend(FloatVector.broadcast(F, 1f), x.compare(VectorOperators.GT, 0f));
            FloatVector.fromMemorySegment(F, dOut, (g + j) * Float.BYTES, ORDER)
                    .fma(dy, FloatVector.fromMemorySegment(F, dIn, (di + j) * Float.BYTES, ORDER))
                    .intoMemorySegment(dIn, (di + j) * Float.BYTES, ORDER);
        }
        tailBackward(Activation.ELU, param, j, n, dIn, di, dOut, g, in, x0);
    }

    private static void siluBackward(float param, int n, MemorySegment dIn, long di, MemorySegment dOut, long g,
                                     MemorySegment in, long x0) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = FloatVector.fromMemorySegment(F, in, (x0 + j) * Float.BYTES, ORDER);
            FloatVector mx = x.abs().neg();
            FloatVector xc = mx.max(EXP_LO).min(EXP_HI);
            FloatVector t = xc.fma(LOG2E, SHIFTER);
            FloatVector nf = t.sub(SHIFTER);
            IntVector ni = t.reinterpretAsInts().sub(SHIFTER_BITS);
            FloatVector r = nf.fma(FloatVector.broadcast(F, -LN2_HI), xc);
            r = nf.fma(FloatVector.broadcast(F, -LN2_LO), r);
            FloatVector q = FloatVector.broadcast(F, Q5).fma(r, FloatVector.broadcast(F, Q4));
            q = q.fma(r, FloatVector.broadcast(F, Q3));
            q = q.fma(r, FloatVector.broadcast(F, Q2));
            q = q.fma(r, FloatVector.broadcast(F, Q1));
            q = q.fma(r, FloatVector.broadcast(F, Q0));
            FloatVector s = r.mul(r).fma(q, r);
            FloatVector p1 = s.add(1f);
            IntVector eh = ni.lanewise(VectorOperators.ASHR, 1);
            FloatVector e = p1.mul(eh.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .mul(ni.sub(eh).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            FloatVector d = e.add(1f);
            FloatVector inv = FloatVector.broadcast(F, 1f).div(d);
            FloatVector sg = inv.blend(e.mul(inv), x.compare(VectorOperators.LT, 0f));
            FloatVector xs = x.max(EXP_LO).min(-EXP_LO);
            FloatVector dy = xs.mul(e).fma(inv.mul(inv), sg);
            FloatVector.fromMemorySegment(F, dOut, (g + j) * Float.BYTES, ORDER)
                    .fma(dy, FloatVector.fromMemorySegment(F, dIn, (di + j) * Float.BYTES, ORDER))
                    .intoMemorySegment(dIn, (di + j) * Float.BYTES, ORDER);
        }
        tailBackward(Activation.SILU, param, j, n, dIn, di, dOut, g, in, x0);
    }

    /** softplus' = sigma: the loop of sigmoidForward with the fma into dIn. */
    private static void softplusBackward(float param, int n, MemorySegment dIn, long di, MemorySegment dOut, long g,
                                         MemorySegment in, long x0) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += FL) {
            FloatVector x = FloatVector.fromMemorySegment(F, in, (x0 + j) * Float.BYTES, ORDER);
            FloatVector a = x.reinterpretAsInts().or(SIGN).reinterpretAsFloats();
            FloatVector t = a.fma(LOG2E, SHIFTER);
            FloatVector nf = t.sub(SHIFTER);
            FloatVector r = nf.fma(FloatVector.broadcast(F, -LN2_HI), a);
            r = nf.fma(FloatVector.broadcast(F, -LN2_LO), r);
            FloatVector q = FloatVector.broadcast(F, R4).fma(r, FloatVector.broadcast(F, R3));
            q = q.fma(r, FloatVector.broadcast(F, R2));
            q = q.fma(r, FloatVector.broadcast(F, R1));
            q = q.fma(r, FloatVector.broadcast(F, R0));
            FloatVector one = FloatVector.broadcast(F, 1f);
            FloatVector p = q.fma(r, one).fma(r, one);
            FloatVector h = IntVector.broadcast(I, POW2_NEG).sub(t.reinterpretAsInts())
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            VectorMask<Float> neg = x.compare(VectorOperators.LT, 0f);
            FloatVector y = h.blend(p, neg).div(h.add(p));
            VectorMask<Float> slow = a.compare(VectorOperators.LT, FAST_LO);
            if (slow.anyTrue()) {
                FloatVector ac = a.max(EXP_LO);
                FloatVector ts = ac.fma(LOG2E, SHIFTER);
                FloatVector ns = ts.sub(SHIFTER);
                IntVector ni = ts.reinterpretAsInts().sub(SHIFTER_BITS);
                FloatVector rs = ns.fma(FloatVector.broadcast(F, -LN2_HI), ac);
                rs = ns.fma(FloatVector.broadcast(F, -LN2_LO), rs);
                FloatVector qs = FloatVector.broadcast(F, R4).fma(rs, FloatVector.broadcast(F, R3));
                qs = qs.fma(rs, FloatVector.broadcast(F, R2));
                qs = qs.fma(rs, FloatVector.broadcast(F, R1));
                qs = qs.fma(rs, FloatVector.broadcast(F, R0));
                FloatVector ps = qs.fma(rs, one).fma(rs, one);
                IntVector eh = ni.lanewise(VectorOperators.ASHR, 1);
                FloatVector e = ps.mul(eh.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                        .mul(ni.sub(eh).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
                y = y.blend(one.blend(e, neg), slow);
            }
            FloatVector.fromMemorySegment(F, dOut, (g + j) * Float.BYTES, ORDER)
                    .fma(y, FloatVector.fromMemorySegment(F, dIn, (di + j) * Float.BYTES, ORDER))
                    .intoMemorySegment(dIn, (di + j) * Float.BYTES, ORDER);
        }
        tailBackward(Activation.SOFTPLUS, param, j, n, dIn, di, dOut, g, in, x0);
    }

    private static void geluErfBackward(float param, int n, MemorySegment dIn, long di, MemorySegment dOut, long g,
                                     MemorySegment in, long x0) {
        int j = 0;
        for (int bound = D.loopBound(n); j < bound; j += DL) {
            DoubleVector x = (DoubleVector) FloatVector.fromMemorySegment(FH, in, (x0 + j) * Float.BYTES, ORDER)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector ac = x.abs().min(PHI_A_MAX);
            DoubleVector t = DoubleVector.broadcast(D, 2).div(ac.add(2));
            DoubleVector sh = t.sub(0.5);
            // ScalarMath.geluErfPrimeF's operations, lane for lane: the tail with the full H and the inline fine
            // exp, and the same e^(-a^2/2) for x phi(x), x clamped to +-PHI_A_MAX (beyond it the term is below
            // float's smallest subnormal).
            DoubleVector h = DoubleVector.broadcast(D, H18);
            h = h.fma(sh, DoubleVector.broadcast(D, H17));
            h = h.fma(sh, DoubleVector.broadcast(D, H16));
            h = h.fma(sh, DoubleVector.broadcast(D, H15));
            h = h.fma(sh, DoubleVector.broadcast(D, H14));
            h = h.fma(sh, DoubleVector.broadcast(D, H13));
            h = h.fma(sh, DoubleVector.broadcast(D, H12));
            h = h.fma(sh, DoubleVector.broadcast(D, H11));
            h = h.fma(sh, DoubleVector.broadcast(D, H10));
            h = h.fma(sh, DoubleVector.broadcast(D, H9));
            h = h.fma(sh, DoubleVector.broadcast(D, H8));
            h = h.fma(sh, DoubleVector.broadcast(D, H7));
            h = h.fma(sh, DoubleVector.broadcast(D, H6));
            h = h.fma(sh, DoubleVector.broadcast(D, H5));
            h = h.fma(sh, DoubleVector.broadcast(D, H4));
            h = h.fma(sh, DoubleVector.broadcast(D, H3));
            h = h.fma(sh, DoubleVector.broadcast(D, H2));
            h = h.fma(sh, DoubleVector.broadcast(D, H1));
            h = h.fma(sh, DoubleVector.broadcast(D, H0));
            DoubleVector arg = ac.mul(-0.5).mul(ac);
            DoubleVector te = arg.fma(LOG2E_D, SHIFTER_D);
            DoubleVector r = te.sub(SHIFTER_D).fma(DoubleVector.broadcast(D, -LN2_D), arg);
            DoubleVector p = DoubleVector.broadcast(D, EF11).fma(r, DoubleVector.broadcast(D, EF10));
            p = p.fma(r, DoubleVector.broadcast(D, EF9));
            p = p.fma(r, DoubleVector.broadcast(D, EF8));
            p = p.fma(r, DoubleVector.broadcast(D, EF7));
            p = p.fma(r, DoubleVector.broadcast(D, EF6));
            p = p.fma(r, DoubleVector.broadcast(D, EF5));
            p = p.fma(r, DoubleVector.broadcast(D, EF4));
            p = p.fma(r, DoubleVector.broadcast(D, EF3));
            p = p.fma(r, DoubleVector.broadcast(D, EF2));
            p = p.fma(r, DoubleVector.broadcast(D, EF1));
            p = p.fma(r, DoubleVector.broadcast(D, EF0));
            DoubleVector e = p.mul(te.reinterpretAsLongs().add(1023 - Double.doubleToRawLongBits(SHIFTER_D))
                    .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles());
            DoubleVector tail = e.mul(t).mul(h);
            DoubleVector cdf = DoubleVector.broadcast(D, 1).sub(tail).blend(tail, x.compare(VectorOperators.LT, 0));
            DoubleVector xk = x.min(PHI_A_MAX).max(-PHI_A_MAX);
            DoubleVector dy = xk.mul(INV_SQRT_2PI).mul(e).add(cdf);
            FloatVector d = (FloatVector) dy.convertShape(VectorOperators.D2F, FH, 0);
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
            DoubleVector x = (DoubleVector) FloatVector.fromMemorySegment(FH, in, (x0 + j) * Float.BYTES, ORDER)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector xc = x.min(1e3).max(-1e3);
            DoubleVector x2 = xc.mul(xc);
            DoubleVector w = xc.mul(DoubleVector.broadcast(D, GELU_TANH_B).fma(x2, DoubleVector.broadcast(D, GELU_TANH_A)));
            DoubleVector dw = DoubleVector.broadcast(D, 3 * GELU_TANH_B).fma(x2, DoubleVector.broadcast(D, GELU_TANH_A));
            // ScalarMath.geluTanhPrimeF's operations, lane for lane: e = e^max(-|w|, -700) = p 2^n by the inline
            // fine float64 exp (the Vector API's EXP took 3x this loop's time).
            DoubleVector a = w.reinterpretAsLongs().or(Long.MIN_VALUE).min(EXPD_LO_BITS).reinterpretAsDoubles();
            DoubleVector te = a.fma(LOG2E_D, SHIFTER_D);
            DoubleVector r = te.sub(SHIFTER_D).fma(DoubleVector.broadcast(D, -LN2_D), a);
            DoubleVector p = DoubleVector.broadcast(D, EF11).fma(r, DoubleVector.broadcast(D, EF10));
            p = p.fma(r, DoubleVector.broadcast(D, EF9));
            p = p.fma(r, DoubleVector.broadcast(D, EF8));
            p = p.fma(r, DoubleVector.broadcast(D, EF7));
            p = p.fma(r, DoubleVector.broadcast(D, EF6));
            p = p.fma(r, DoubleVector.broadcast(D, EF5));
            p = p.fma(r, DoubleVector.broadcast(D, EF4));
            p = p.fma(r, DoubleVector.broadcast(D, EF3));
            p = p.fma(r, DoubleVector.broadcast(D, EF2));
            p = p.fma(r, DoubleVector.broadcast(D, EF1));
            p = p.fma(r, DoubleVector.broadcast(D, EF0));
            DoubleVector ew = p.mul(te.reinterpretAsLongs().add(1023 - Double.doubleToRawLongBits(SHIFTER_D))
                    .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles());
            DoubleVector inv = DoubleVector.broadcast(D, 1).div(ew.add(1));
            DoubleVector q = ew.mul(inv);
            DoubleVector sg = inv.blend(q, w.compare(VectorOperators.LT, 0));
            DoubleVector sp = q.mul(inv);
            DoubleVector dy = xc.mul(sp).mul(dw).add(sg);
            FloatVector d = (FloatVector) dy.convertShape(VectorOperators.D2F, FH, 0);
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
        // Row by row through SimdRows' passes, each a method of its own (see there why).
        for (int i = 0; i < rows; i++) {
            long o = outOff + i * ldOut;
            long x = inOff + i * ldIn;
            float max = SimdRows.max(in, x, cols);
            float sum = SimdRows.expSum(in, x, cols, max, log ? null : out, o);
            if (log) {
                SimdRows.shift(in, x, cols, max, (float) Math.log(sum), out, o);
            } else {
                SimdRows.scale(out, o, cols, 1f / sum);
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
        // One method per row and form, with no vector in a signature: inside one big method the exp was refused
        // inlining and boxed its vectors (see SimdRows).
        for (int i = 0; i < rows; i++) {
            long di = dInOff + i * ldDIn;
            long g = dOutOff + i * ldDOut;
            long yi = yOff + i * ldY;
            if (log) {
                logSoftmaxBackwardRow(cols, dIn, di, dOut, g, y, yi);
            } else {
                softmaxBackwardRow(cols, dIn, di, dOut, g, y, yi);
            }
        }
    }

    /** dIn += y (dOut - s), s = sum of dOut y over the row. */
    private static void softmaxBackwardRow(int n, MemorySegment dIn, long di, MemorySegment dOut, long g,
                                           MemorySegment y, long yi) {
        int bound = F.loopBound(n);
        FloatVector sV = FloatVector.zero(F);
        int j = 0;
        for (; j < bound; j += FL) {
            sV = FloatVector.fromMemorySegment(F, dOut, (g + j) * Float.BYTES, ORDER)
                    .fma(FloatVector.fromMemorySegment(F, y, (yi + j) * Float.BYTES, ORDER), sV);
        }
        float s = sV.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            s += dOut.getAtIndex(F32, g + j) * y.getAtIndex(F32, yi + j);
        }
        for (j = 0; j < bound; j += FL) {
            long dib = (di + j) * Float.BYTES;
            FloatVector gj = FloatVector.fromMemorySegment(F, dOut, (g + j) * Float.BYTES, ORDER);
            FloatVector d = FloatVector.fromMemorySegment(F, y, (yi + j) * Float.BYTES, ORDER).mul(gj.sub(s));
            FloatVector.fromMemorySegment(F, dIn, dib, ORDER).add(d).intoMemorySegment(dIn, dib, ORDER);
        }
        for (; j < n; j++) {
            float d = y.getAtIndex(F32, yi + j) * (dOut.getAtIndex(F32, g + j) - s);
            dIn.setAtIndex(F32, di + j, dIn.getAtIndex(F32, di + j) + d);
        }
    }

    /** dIn += dOut - e^y s, s = sum of dOut over the row (y = log-softmax). */
    private static void logSoftmaxBackwardRow(int n, MemorySegment dIn, long di, MemorySegment dOut, long g,
                                              MemorySegment y, long yi) {
        int bound = F.loopBound(n);
        FloatVector sV = FloatVector.zero(F);
        int j = 0;
        for (; j < bound; j += FL) {
            sV = FloatVector.fromMemorySegment(F, dOut, (g + j) * Float.BYTES, ORDER).add(sV);
        }
        float s = sV.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            s += dOut.getAtIndex(F32, g + j);
        }
        for (j = 0; j < bound; j += FL) {
            long dib = (di + j) * Float.BYTES;
            FloatVector gj = FloatVector.fromMemorySegment(F, dOut, (g + j) * Float.BYTES, ORDER);
            FloatVector e = SimdMath.exp(FloatVector.fromMemorySegment(F, y, (yi + j) * Float.BYTES, ORDER));
            FloatVector d = e.neg().fma(FloatVector.broadcast(F, s), gj);
            FloatVector.fromMemorySegment(F, dIn, dib, ORDER).add(d).intoMemorySegment(dIn, dib, ORDER);
        }
        for (; j < n; j++) {
            float d = Math.fma(-ScalarMath.exp(y.getAtIndex(F32, yi + j)), s, dOut.getAtIndex(F32, g + j));
            dIn.setAtIndex(F32, di + j, dIn.getAtIndex(F32, di + j) + d);
        }
    }

    @Override
    public void softmaxBackwardF64(boolean log, int rows, int cols,
                                   MemorySegment dIn, long dInOff, long ldDIn, MemorySegment dOut, long dOutOff,
                                   long ldDOut, MemorySegment y, long yOff, long ldY) {
        scalar.softmaxBackwardF64(log, rows, cols, dIn, dInOff, ldDIn, dOut, dOutOff, ldDOut, y, yOff, ldY);
    }
}
