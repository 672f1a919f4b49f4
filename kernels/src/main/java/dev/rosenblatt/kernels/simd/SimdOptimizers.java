package dev.rosenblatt.kernels.simd;

import dev.rosenblatt.kernels.Optimizers;
import dev.rosenblatt.kernels.scalar.ScalarOptimizers;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.rosenblatt.kernels.simd.SimdSpecies.ORDER;

/** Optimizer updates with the Vector API: lane for lane the scalar twin's operations, so the results are equal. */
final class SimdOptimizers implements Optimizers {

    private static final VectorSpecies<Float> F = SimdSpecies.F32;
    private static final int FL = F.length();
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    // The loops load and store in place rather than through helpers of ours: a vector passed to or returned from a
    // call that C2 does not inline is boxed on the heap (see SimdActivations). Offsets are in bytes.

    @Override
    public void sgd(int n, float lr, MemorySegment p, long pOff, MemorySegment g, long gOff) {
        FloatVector a = FloatVector.broadcast(F, -lr);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            long gb = (gOff + i) * Float.BYTES;
            long pb = (pOff + i) * Float.BYTES;
            a.fma(FloatVector.fromMemorySegment(F, g, gb, ORDER), FloatVector.fromMemorySegment(F, p, pb, ORDER))
                    .intoMemorySegment(p, pb, ORDER);
        }
        for (; i < n; i++) {
            p.setAtIndex(F32, pOff + i, Math.fma(-lr, g.getAtIndex(F32, gOff + i), p.getAtIndex(F32, pOff + i)));
        }
    }

    @Override
    public void momentum(int n, float lr, float mu, boolean nesterov, MemorySegment p, long pOff, MemorySegment g,
                         long gOff, MemorySegment v, long vOff) {
        FloatVector muV = FloatVector.broadcast(F, mu);
        FloatVector a = FloatVector.broadcast(F, -lr);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            long pb = (pOff + i) * Float.BYTES;
            long vb = (vOff + i) * Float.BYTES;
            FloatVector gi = FloatVector.fromMemorySegment(F, g, (gOff + i) * Float.BYTES, ORDER);
            FloatVector vi = muV.fma(FloatVector.fromMemorySegment(F, v, vb, ORDER), gi);
            vi.intoMemorySegment(v, vb, ORDER);
            FloatVector step = nesterov ? muV.fma(vi, gi) : vi;
            a.fma(step, FloatVector.fromMemorySegment(F, p, pb, ORDER)).intoMemorySegment(p, pb, ORDER);
        }
        for (; i < n; i++) {
            float gi = g.getAtIndex(F32, gOff + i);
            float vi = Math.fma(mu, v.getAtIndex(F32, vOff + i), gi);
            v.setAtIndex(F32, vOff + i, vi);
            float step = nesterov ? Math.fma(mu, vi, gi) : vi;
            p.setAtIndex(F32, pOff + i, Math.fma(-lr, step, p.getAtIndex(F32, pOff + i)));
        }
    }

    @Override
    public void adam(int n, float lr, float beta1, float beta2, float eps, float weightDecay, long step,
                     MemorySegment p, long pOff, MemorySegment g, long gOff, MemorySegment m, long mOff,
                     MemorySegment v, long vOff) {
        float[] c = ScalarOptimizers.adamCorrections(lr, beta1, beta2, step);
        float stepSize = c[0];
        float vScale = c[1];
        float decay = 1f - lr * weightDecay;
        float oneMinusB1 = 1f - beta1;
        float oneMinusB2 = 1f - beta2;
        FloatVector b1 = FloatVector.broadcast(F, beta1);
        FloatVector b2 = FloatVector.broadcast(F, beta2);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            long pb = (pOff + i) * Float.BYTES;
            long mb = (mOff + i) * Float.BYTES;
            long vb = (vOff + i) * Float.BYTES;
            FloatVector gi = FloatVector.fromMemorySegment(F, g, (gOff + i) * Float.BYTES, ORDER);
            FloatVector mi = b1.fma(FloatVector.fromMemorySegment(F, m, mb, ORDER), gi.mul(oneMinusB1));
            FloatVector vi = b2.fma(FloatVector.fromMemorySegment(F, v, vb, ORDER), gi.mul(oneMinusB2).mul(gi));
            mi.intoMemorySegment(m, mb, ORDER);
            vi.intoMemorySegment(v, vb, ORDER);
            FloatVector denom = vi.mul(vScale).sqrt().add(eps);
            FloatVector pi = FloatVector.fromMemorySegment(F, p, pb, ORDER).mul(decay);
            pi.sub(mi.mul(stepSize).div(denom)).intoMemorySegment(p, pb, ORDER);
        }
        for (; i < n; i++) {
            float gi = g.getAtIndex(F32, gOff + i);
            float mi = Math.fma(beta1, m.getAtIndex(F32, mOff + i), oneMinusB1 * gi);
            float vi = Math.fma(beta2, v.getAtIndex(F32, vOff + i), oneMinusB2 * gi * gi);
            m.setAtIndex(F32, mOff + i, mi);
            v.setAtIndex(F32, vOff + i, vi);
            float denom = (float) Math.sqrt(vi * vScale) + eps;
            float pi = p.getAtIndex(F32, pOff + i) * decay;
            p.setAtIndex(F32, pOff + i, pi - stepSize * mi / denom);
        }
    }

    @Override
    public void l2WeightDecay(int n, float lambda, MemorySegment g, long gOff, MemorySegment p, long pOff) {
        FloatVector l = FloatVector.broadcast(F, lambda);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            long gb = (gOff + i) * Float.BYTES;
            l.fma(FloatVector.fromMemorySegment(F, p, (pOff + i) * Float.BYTES, ORDER),
                    FloatVector.fromMemorySegment(F, g, gb, ORDER)).intoMemorySegment(g, gb, ORDER);
        }
        for (; i < n; i++) {
            g.setAtIndex(F32, gOff + i, Math.fma(lambda, p.getAtIndex(F32, pOff + i), g.getAtIndex(F32, gOff + i)));
        }
    }

    @Override
    public void scale(int n, float alpha, MemorySegment x, long off) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            long xb = (off + i) * Float.BYTES;
            FloatVector.fromMemorySegment(F, x, xb, ORDER).mul(alpha).intoMemorySegment(x, xb, ORDER);
        }
        for (; i < n; i++) {
            x.setAtIndex(F32, off + i, x.getAtIndex(F32, off + i) * alpha);
        }
    }
}
