package dev.rosenblatt.kernels.simd;

import dev.rosenblatt.kernels.Losses;
import dev.rosenblatt.kernels.scalar.ScalarLosses;
import dev.rosenblatt.kernels.scalar.ScalarMath;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.rosenblatt.kernels.simd.SimdMath.*;
import static dev.rosenblatt.kernels.simd.SimdSpecies.ORDER;

/**
 * Losses with the Vector API, row by row. Each row's loss is summed in vector lanes, then added to a float64
 * total; BCE evaluates in float64 lanes (its log1p has no float32 form here). The float64 losses are the scalar
 * ones.
 */
final class SimdLosses implements Losses {

    private static final VectorSpecies<Float> F = SimdSpecies.F32;
    private static final VectorSpecies<Double> D = SimdSpecies.F64;
    private static final VectorSpecies<Float> FH =
            VectorSpecies.of(float.class, VectorShape.forBitSize(SimdSpecies.BITS / 2));
    private static final int FL = F.length();
    private static final int DL = D.length();
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private final ScalarLosses scalar = new ScalarLosses();

    @Override
    public double mseF32(int rows, int cols, MemorySegment grad, long gOff, long ldG,
                         MemorySegment p, long pOff, long ldP, MemorySegment t, long tOff, long ldT) {
        double sum = 0;
        float g = 2f / rows;
        int bound = F.loopBound(cols);
        for (int i = 0; i < rows; i++) {
            FloatVector acc = FloatVector.zero(F);
            int j = 0;
            for (; j < bound; j += FL) {
                FloatVector d = FloatVector.fromMemorySegment(F, p, (pOff + i * ldP + j) * Float.BYTES, ORDER)
                        .sub(FloatVector.fromMemorySegment(F, t, (tOff + i * ldT + j) * Float.BYTES, ORDER));
                acc = d.fma(d, acc);
                if (grad != null) {
                    d.mul(g).intoMemorySegment(grad, (gOff + i * ldG + j) * Float.BYTES, ORDER);
                }
            }
            double row = acc.reduceLanes(VectorOperators.ADD);
            for (; j < cols; j++) {
                float d = p.getAtIndex(F32, pOff + i * ldP + j) - t.getAtIndex(F32, tOff + i * ldT + j);
                row += (double) d * d;
                if (grad != null) {
                    grad.setAtIndex(F32, gOff + i * ldG + j, d * g);
                }
            }
            sum += row;
        }
        return sum / rows;
    }

    @Override
    public double mseF64(int rows, int cols, MemorySegment grad, long gOff, long ldG,
                         MemorySegment p, long pOff, long ldP, MemorySegment t, long tOff, long ldT) {
        return scalar.mseF64(rows, cols, grad, gOff, ldG, p, pOff, ldP, t, tOff, ldT);
    }

    @Override
    public double bceLogitsF32(int rows, int cols, MemorySegment grad, long gOff, long ldG,
                               MemorySegment z, long zOff, long ldZ, MemorySegment y, long yOff, long ldY) {
        double sum = 0;
        double invB = 1.0 / rows;
        int bound = D.loopBound(cols);
        for (int i = 0; i < rows; i++) {
            DoubleVector acc = DoubleVector.zero(D);
            int j = 0;
            for (; j < bound; j += DL) {
                DoubleVector zj = (DoubleVector) FloatVector
                        .fromMemorySegment(FH, z, (zOff + i * ldZ + j) * Float.BYTES, ORDER)
                        .convertShape(VectorOperators.F2D, D, 0);
                DoubleVector yj = (DoubleVector) FloatVector
                        .fromMemorySegment(FH, y, (yOff + i * ldY + j) * Float.BYTES, ORDER)
                        .convertShape(VectorOperators.F2D, D, 0);
                // One e = e^max(-|z|, -700) (the inline float64 exp of ScalarMath.softplusF) serves both the loss,
                // softplus(z) = max(z, 0) + log1p(e) by the atanh series, and the gradient, sigmoid(z) = 1 / (1 + e)
                // or e / (1 + e). The Vector API's EXP and LOG1P, twice, ran at 3.2 GB/s on 1024 x 1000.
                DoubleVector a = zj.reinterpretAsLongs().or(Long.MIN_VALUE).min(EXPD_LO_BITS).reinterpretAsDoubles();
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
                DoubleVector sq = sv.mul(sv);
                DoubleVector q = DoubleVector.broadcast(D, LP8).fma(sq, DoubleVector.broadcast(D, LP7));
                q = q.fma(sq, DoubleVector.broadcast(D, LP6));
                q = q.fma(sq, DoubleVector.broadcast(D, LP5));
                q = q.fma(sq, DoubleVector.broadcast(D, LP4));
                q = q.fma(sq, DoubleVector.broadcast(D, LP3));
                q = q.fma(sq, DoubleVector.broadcast(D, LP2));
                q = q.fma(sq, DoubleVector.broadcast(D, LP1));
                q = q.fma(sq, DoubleVector.broadcast(D, LP0));
                acc = acc.add(zj.max(0).add(sv.mul(q)).sub(zj.mul(yj)));
                if (grad != null) {
                    DoubleVector sig = DoubleVector.broadcast(D, 1).blend(e, zj.compare(VectorOperators.LT, 0))
                            .div(e.add(1)).blend(zj, zj.test(VectorOperators.IS_NAN));
                    ((FloatVector) sig.sub(yj).mul(invB).convertShape(VectorOperators.D2F, FH, 0))
                            .intoMemorySegment(grad, (gOff + i * ldG + j) * Float.BYTES, ORDER);
                }
            }
            double row = acc.reduceLanes(VectorOperators.ADD);
            for (; j < cols; j++) {
                double zj = z.getAtIndex(F32, zOff + i * ldZ + j);
                double yj = y.getAtIndex(F32, yOff + i * ldY + j);
                row += ScalarMath.softplus(zj) - zj * yj;
                if (grad != null) {
                    grad.setAtIndex(F32, gOff + i * ldG + j, (float) ((ScalarMath.sigmoid(zj) - yj) * invB));
                }
            }
            sum += row;
        }
        return sum / rows;
    }

    @Override
    public double bceLogitsF64(int rows, int cols, MemorySegment grad, long gOff, long ldG,
                               MemorySegment z, long zOff, long ldZ, MemorySegment y, long yOff, long ldY) {
        return scalar.bceLogitsF64(rows, cols, grad, gOff, ldG, z, zOff, ldZ, y, yOff, ldY);
    }

    @Override
    public double softmaxCrossEntropyF32(int rows, int cols, MemorySegment grad, long gOff, long ldG,
                                         MemorySegment z, long zOff, long ldZ, int[] labels, int labelsOff) {
        double loss = 0;
        float invB = 1f / rows;
        // Row by row through SimdRows' passes, each a method of its own (see there why).
        for (int i = 0; i < rows; i++) {
            long r = zOff + i * ldZ;
            float max = SimdRows.max(z, r, cols);
            int label = labels[labelsOff + i];
            float zLabel = z.getAtIndex(F32, r + label);
            long gr = gOff + i * ldG;
            // With a gradient to write, the terms e^(z - max) go there first and are scaled in place: one exp per
            // element instead of two, and the same bits as exp(z - max) * scale. (z is read before: the gradient
            // may be written over the logits.)
            float sum = SimdRows.expSum(z, r, cols, max, grad, gr);
            loss += max + Math.log(sum) - zLabel;
            if (grad != null) {
                SimdRows.scale(grad, gr, cols, invB / sum);
                grad.setAtIndex(F32, gr + label, grad.getAtIndex(F32, gr + label) - invB);
            }
        }
        return loss / rows;
    }

    @Override
    public double softmaxCrossEntropyF64(int rows, int cols, MemorySegment grad, long gOff, long ldG,
                                         MemorySegment z, long zOff, long ldZ, int[] labels, int labelsOff) {
        return scalar.softmaxCrossEntropyF64(rows, cols, grad, gOff, ldG, z, zOff, ldZ, labels, labelsOff);
    }

    @Override
    public double hingeF32(float margin, int rows, int cols, MemorySegment grad, long gOff, long ldG,
                           MemorySegment s, long sOff, long ldS, MemorySegment y, long yOff, long ldY) {
        double sum = 0;
        float invB = 1f / rows;
        int bound = F.loopBound(cols);
        for (int i = 0; i < rows; i++) {
            FloatVector acc = FloatVector.zero(F);
            int j = 0;
            for (; j < bound; j += FL) {
                FloatVector yj = FloatVector.fromMemorySegment(F, y, (yOff + i * ldY + j) * Float.BYTES, ORDER);
                FloatVector sj = FloatVector.fromMemorySegment(F, s, (sOff + i * ldS + j) * Float.BYTES, ORDER);
                FloatVector slack = yj.neg().fma(sj, FloatVector.broadcast(F, margin));
                acc = acc.add(slack.max(0f));
                if (grad != null) {
                    FloatVector.zero(F).blend(yj.neg().mul(invB), slack.compare(VectorOperators.GT, 0f))
                            .intoMemorySegment(grad, (gOff + i * ldG + j) * Float.BYTES, ORDER);
                }
            }
            double row = acc.reduceLanes(VectorOperators.ADD);
            for (; j < cols; j++) {
                float yj = y.getAtIndex(F32, yOff + i * ldY + j);
                float slack = Math.fma(-yj, s.getAtIndex(F32, sOff + i * ldS + j), margin);
                row += Math.max(slack, 0f);
                if (grad != null) {
                    grad.setAtIndex(F32, gOff + i * ldG + j, slack > 0f ? -yj * invB : 0f);
                }
            }
            sum += row;
        }
        return sum / rows;
    }

    @Override
    public double hingeF64(double margin, int rows, int cols, MemorySegment grad, long gOff, long ldG,
                           MemorySegment s, long sOff, long ldS, MemorySegment y, long yOff, long ldY) {
        return scalar.hingeF64(margin, rows, cols, grad, gOff, ldG, s, sOff, ldS, y, yOff, ldY);
    }
}
