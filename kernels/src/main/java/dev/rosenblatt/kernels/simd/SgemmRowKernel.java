package dev.rosenblatt.kernels.simd;

import jdk.incubator.vector.FloatVector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.rosenblatt.kernels.simd.SgemmMicroKernel.F;
import static dev.rosenblatt.kernels.simd.SgemmMicroKernel.L;
import static dev.rosenblatt.kernels.simd.SimdSpecies.ORDER;

/**
 * Products of one or two rows (one sample through a layer; {@link SimdSgemm#ROW_KERNEL_ROWS}) with an
 * untransposed B: each row of C is computed on its own, reading B where it lies, four vectors of a row of B per
 * step.
 *
 * <p>The tiled path packed all of B for them (a 784 x 256 B is 800 KB, read once) and then filled one of the
 * tile's four rows: 1 x 256 x 784 ran at 17.6 GFLOP/s against OpenBLAS's 36.8 (2026-11-26). Every element gets
 * the tiled path's arithmetic: an fma chain over p from zero within each block of {@link SimdSgemm#KC}, then C :=
 * alpha acc (beta 0, first block) or fma(acc, alpha, b C), so its bits do not depend on the path (tested).
 *
 * <p>Source of its float64 twin, generated at build time by kernels/pom.xml.
 */
final class SgemmRowKernel {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final long VB = (long) L * Float.BYTES;

    private SgemmRowKernel() {
    }

    /**
     * C row i := alpha A row i B + beta C row i for i in [0, m), A element (i, p) at byte {@code aBase + i * aRs +
     * p * aCs}, B row p at byte {@code bBase + p * bRs} (n elements), C row i at {@code cBase + i * cRs}.
     */
    static void rows(int m, int n, int k, float alpha, MemorySegment a, long aBase, long aRs, long aCs,
                     MemorySegment b, long bBase, long bRs, float beta, MemorySegment c, long cBase, long cRs) {
        for (int i = 0; i < m; i++) {
            for (int pc = 0; pc < k; pc += SimdSgemm.KC) {
                int kc = Math.min(SimdSgemm.KC, k - pc);
                boolean first = pc == 0;
                long ai = aBase + i * aRs + pc * aCs;
                long bp = bBase + pc * bRs;
                long ci = cBase + i * cRs;
                int j = 0;
                for (; j + 4 * L <= n; j += 4 * L) {
                    block4(kc, a, ai, aCs, b, bp + j * (long) Float.BYTES, bRs, c, ci + j * (long) Float.BYTES,
                            alpha, beta, first);
                }
                for (; j + L <= n; j += L) {
                    block1(kc, a, ai, aCs, b, bp + j * (long) Float.BYTES, bRs, c, ci + j * (long) Float.BYTES,
                            alpha, beta, first);
                }
                for (; j < n; j++) {
                    element(kc, a, ai, aCs, b, bp + j * (long) Float.BYTES, bRs, c, ci + j * (long) Float.BYTES,
                            alpha, beta, first);
                }
            }
        }
    }

    /** Four vectors of one row of C. */
    private static void block4(int kc, MemorySegment a, long ai, long aCs, MemorySegment b, long bj, long bRs,
                               MemorySegment c, long cj, float alpha, float beta, boolean first) {
        FloatVector c0 = FloatVector.zero(F);
        FloatVector c1 = FloatVector.zero(F);
        FloatVector c2 = FloatVector.zero(F);
        FloatVector c3 = FloatVector.zero(F);
        long ao = ai;
        long bo = bj;
        for (int p = 0; p < kc; p++) {
            FloatVector x = FloatVector.broadcast(F, a.get(F32, ao));
            c0 = x.fma(FloatVector.fromMemorySegment(F, b, bo, ORDER), c0);
            c1 = x.fma(FloatVector.fromMemorySegment(F, b, bo + VB, ORDER), c1);
            c2 = x.fma(FloatVector.fromMemorySegment(F, b, bo + 2 * VB, ORDER), c2);
            c3 = x.fma(FloatVector.fromMemorySegment(F, b, bo + 3 * VB, ORDER), c3);
            ao += aCs;
            bo += bRs;
        }
        boolean readC = !first || beta != 0f;
        FloatVector va = FloatVector.broadcast(F, alpha);
        FloatVector vb = FloatVector.broadcast(F, first ? beta : 1f);
        if (readC) {
            c0 = c0.fma(va, FloatVector.fromMemorySegment(F, c, cj, ORDER).mul(vb));
            c1 = c1.fma(va, FloatVector.fromMemorySegment(F, c, cj + VB, ORDER).mul(vb));
            c2 = c2.fma(va, FloatVector.fromMemorySegment(F, c, cj + 2 * VB, ORDER).mul(vb));
            c3 = c3.fma(va, FloatVector.fromMemorySegment(F, c, cj + 3 * VB, ORDER).mul(vb));
        } else {
            c0 = c0.mul(va);
            c1 = c1.mul(va);
            c2 = c2.mul(va);
            c3 = c3.mul(va);
        }
        c0.intoMemorySegment(c, cj, ORDER);
        c1.intoMemorySegment(c, cj + VB, ORDER);
        c2.intoMemorySegment(c, cj + 2 * VB, ORDER);
        c3.intoMemorySegment(c, cj + 3 * VB, ORDER);
    }

    /** One vector of one row of C. */
    private static void block1(int kc, MemorySegment a, long ai, long aCs, MemorySegment b, long bj, long bRs,
                               MemorySegment c, long cj, float alpha, float beta, boolean first) {
        FloatVector c0 = FloatVector.zero(F);
        long ao = ai;
        long bo = bj;
        for (int p = 0; p < kc; p++) {
            c0 = FloatVector.broadcast(F, a.get(F32, ao)).fma(FloatVector.fromMemorySegment(F, b, bo, ORDER), c0);
            ao += aCs;
            bo += bRs;
        }
        boolean readC = !first || beta != 0f;
        FloatVector va = FloatVector.broadcast(F, alpha);
        c0 = readC ? c0.fma(va, FloatVector.fromMemorySegment(F, c, cj, ORDER).mul(FloatVector.broadcast(F,
                first ? beta : 1f))) : c0.mul(va);
        c0.intoMemorySegment(c, cj, ORDER);
    }

    /** One element of C: the lane arithmetic of the vector blocks, in scalar fmas. */
    private static void element(int kc, MemorySegment a, long ai, long aCs, MemorySegment b, long bj, long bRs,
                                MemorySegment c, long cj, float alpha, float beta, boolean first) {
        float acc = 0f;
        long ao = ai;
        long bo = bj;
        for (int p = 0; p < kc; p++) {
            acc = Math.fma(a.get(F32, ao), b.get(F32, bo), acc);
            ao += aCs;
            bo += bRs;
        }
        boolean readC = !first || beta != 0f;
        c.set(F32, cj, readC ? Math.fma(acc, alpha, c.get(F32, cj) * (first ? beta : 1f)) : acc * alpha);
    }
}
