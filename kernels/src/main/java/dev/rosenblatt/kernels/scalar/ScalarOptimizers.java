package dev.rosenblatt.kernels.scalar;

import dev.rosenblatt.kernels.Optimizers;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Optimizer updates as plain loops; the SIMD twin does the same operations lane for lane. */
public final class ScalarOptimizers implements Optimizers {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    @Override
    public void sgd(int n, float lr, MemorySegment p, long pOff, MemorySegment g, long gOff) {
        for (int i = 0; i < n; i++) {
            p.setAtIndex(F32, pOff + i, Math.fma(-lr, g.getAtIndex(F32, gOff + i), p.getAtIndex(F32, pOff + i)));
        }
    }

    @Override
    public void momentum(int n, float lr, float mu, boolean nesterov, MemorySegment p, long pOff, MemorySegment g,
                         long gOff, MemorySegment v, long vOff) {
        for (int i = 0; i < n; i++) {
            float gi = g.getAtIndex(F32, gOff + i);
            float vi = Math.fma(mu, v.getAtIndex(F32, vOff + i), gi);
            v.setAtIndex(F32, vOff + i, vi);
            float step = nesterov ? Math.fma(mu, vi, gi) : vi;
            p.setAtIndex(F32, pOff + i, Math.fma(-lr, step, p.getAtIndex(F32, pOff + i)));
        }
    }

    /** The per-call constants of Adam: {lr / (1 - b1^t), 1 / (1 - b2^t)}, computed in float64. */
    public static float[] adamCorrections(float lr, float beta1, float beta2, long step) {
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        return new float[] {(float) (lr / c1), (float) (1 / c2)};
    }

    @Override
    public void adam(int n, float lr, float beta1, float beta2, float eps, float weightDecay, long step,
                     MemorySegment p, long pOff, MemorySegment g, long gOff, MemorySegment m, long mOff,
                     MemorySegment v, long vOff) {
        float[] c = adamCorrections(lr, beta1, beta2, step);
        float stepSize = c[0];
        float vScale = c[1];
        float decay = 1f - lr * weightDecay;
        for (int i = 0; i < n; i++) {
            float gi = g.getAtIndex(F32, gOff + i);
            float mi = Math.fma(beta1, m.getAtIndex(F32, mOff + i), (1f - beta1) * gi);
            float vi = Math.fma(beta2, v.getAtIndex(F32, vOff + i), (1f - beta2) * gi * gi);
            m.setAtIndex(F32, mOff + i, mi);
            v.setAtIndex(F32, vOff + i, vi);
            float denom = (float) Math.sqrt(vi * vScale) + eps;
            float pi = p.getAtIndex(F32, pOff + i) * decay;
            p.setAtIndex(F32, pOff + i, pi - stepSize * mi / denom);
        }
    }

    @Override
    public void l2WeightDecay(int n, float lambda, MemorySegment g, long gOff, MemorySegment p, long pOff) {
        for (int i = 0; i < n; i++) {
            g.setAtIndex(F32, gOff + i, Math.fma(lambda, p.getAtIndex(F32, pOff + i), g.getAtIndex(F32, gOff + i)));
        }
    }

    @Override
    public void scale(int n, float alpha, MemorySegment x, long off) {
        for (int i = 0; i < n; i++) {
            x.setAtIndex(F32, off + i, x.getAtIndex(F32, off + i) * alpha);
        }
    }
}
