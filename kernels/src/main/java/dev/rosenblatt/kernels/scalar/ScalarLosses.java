package dev.rosenblatt.kernels.scalar;

import dev.rosenblatt.kernels.Losses;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Losses as plain loops. Loss values are summed in float64 whatever the element type: they are one number. */
public final class ScalarLosses implements Losses {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    @Override
    public double mseF32(int rows, int cols, MemorySegment grad, long gOff, long ldG,
                         MemorySegment p, long pOff, long ldP, MemorySegment t, long tOff, long ldT) {
        double sum = 0;
        float g = 2f / rows;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                float d = p.getAtIndex(F32, pOff + i * ldP + j) - t.getAtIndex(F32, tOff + i * ldT + j);
                sum += (double) d * d;
                if (grad != null) {
                    grad.setAtIndex(F32, gOff + i * ldG + j, d * g);
                }
            }
        }
        return sum / rows;
    }

    @Override
    public double mseF64(int rows, int cols, MemorySegment grad, long gOff, long ldG,
                         MemorySegment p, long pOff, long ldP, MemorySegment t, long tOff, long ldT) {
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double d = p.getAtIndex(F64, pOff + i * ldP + j) - t.getAtIndex(F64, tOff + i * ldT + j);
                sum += d * d;
                if (grad != null) {
                    grad.setAtIndex(F64, gOff + i * ldG + j, 2 * d / rows);
                }
            }
        }
        return sum / rows;
    }

    @Override
    public double bceLogitsF32(int rows, int cols, MemorySegment grad, long gOff, long ldG,
                               MemorySegment z, long zOff, long ldZ, MemorySegment y, long yOff, long ldY) {
        double sum = 0;
        double invB = 1.0 / rows;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double zj = z.getAtIndex(F32, zOff + i * ldZ + j);
                double yj = y.getAtIndex(F32, yOff + i * ldY + j);
                sum += ScalarMath.softplus(zj) - zj * yj;
                if (grad != null) {
                    grad.setAtIndex(F32, gOff + i * ldG + j, (float) ((ScalarMath.sigmoid(zj) - yj) * invB));
                }
            }
        }
        return sum / rows;
    }

    @Override
    public double bceLogitsF64(int rows, int cols, MemorySegment grad, long gOff, long ldG,
                               MemorySegment z, long zOff, long ldZ, MemorySegment y, long yOff, long ldY) {
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double zj = z.getAtIndex(F64, zOff + i * ldZ + j);
                double yj = y.getAtIndex(F64, yOff + i * ldY + j);
                sum += ScalarMath.softplus(zj) - zj * yj;
                if (grad != null) {
                    grad.setAtIndex(F64, gOff + i * ldG + j, (ScalarMath.sigmoid(zj) - yj) / rows);
                }
            }
        }
        return sum / rows;
    }

    @Override
    public double softmaxCrossEntropyF32(int rows, int cols, MemorySegment grad, long gOff, long ldG,
                                         MemorySegment z, long zOff, long ldZ, int[] labels, int labelsOff) {
        double loss = 0;
        float invB = 1f / rows;
        for (int i = 0; i < rows; i++) {
            long r = zOff + i * ldZ;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, z.getAtIndex(F32, r + j));
            }
            float sum = 0f;
            for (int j = 0; j < cols; j++) {
                sum += ScalarMath.exp(z.getAtIndex(F32, r + j) - max);
            }
            int label = labels[labelsOff + i];
            loss += max + Math.log(sum) - z.getAtIndex(F32, r + label);
            if (grad != null) {
                long gr = gOff + i * ldG;
                float scale = invB / sum;
                for (int j = 0; j < cols; j++) {
                    grad.setAtIndex(F32, gr + j, ScalarMath.exp(z.getAtIndex(F32, r + j) - max) * scale);
                }
                grad.setAtIndex(F32, gr + label, grad.getAtIndex(F32, gr + label) - invB);
            }
        }
        return loss / rows;
    }

    @Override
    public double softmaxCrossEntropyF64(int rows, int cols, MemorySegment grad, long gOff, long ldG,
                                         MemorySegment z, long zOff, long ldZ, int[] labels, int labelsOff) {
        double loss = 0;
        for (int i = 0; i < rows; i++) {
            long r = zOff + i * ldZ;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, z.getAtIndex(F64, r + j));
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += Math.exp(z.getAtIndex(F64, r + j) - max);
            }
            int label = labels[labelsOff + i];
            loss += max + Math.log(sum) - z.getAtIndex(F64, r + label);
            if (grad != null) {
                long gr = gOff + i * ldG;
                for (int j = 0; j < cols; j++) {
                    double onehot = j == label ? 1 : 0;
                    grad.setAtIndex(F64, gr + j, (Math.exp(z.getAtIndex(F64, r + j) - max) / sum - onehot) / rows);
                }
            }
        }
        return loss / rows;
    }

    @Override
    public double hingeF32(float margin, int rows, int cols, MemorySegment grad, long gOff, long ldG,
                           MemorySegment s, long sOff, long ldS, MemorySegment y, long yOff, long ldY) {
        double sum = 0;
        float invB = 1f / rows;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                float yj = y.getAtIndex(F32, yOff + i * ldY + j);
                float slack = Math.fma(-yj, s.getAtIndex(F32, sOff + i * ldS + j), margin);
                sum += Math.max(slack, 0f);
                if (grad != null) {
                    grad.setAtIndex(F32, gOff + i * ldG + j, slack > 0f ? -yj * invB : 0f);
                }
            }
        }
        return sum / rows;
    }

    @Override
    public double hingeF64(double margin, int rows, int cols, MemorySegment grad, long gOff, long ldG,
                           MemorySegment s, long sOff, long ldS, MemorySegment y, long yOff, long ldY) {
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double yj = y.getAtIndex(F64, yOff + i * ldY + j);
                double slack = margin - yj * s.getAtIndex(F64, sOff + i * ldS + j);
                sum += Math.max(slack, 0);
                if (grad != null) {
                    grad.setAtIndex(F64, gOff + i * ldG + j, slack > 0 ? -yj / rows : 0);
                }
            }
        }
        return sum / rows;
    }
}
