package dev.rosenblatt.kernels.simd;

import dev.rosenblatt.kernels.Transpose;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.rosenblatt.kernels.simd.SgemmMicroKernel.F;
import static dev.rosenblatt.kernels.simd.SgemmMicroKernel.L;
import static dev.rosenblatt.kernels.simd.SgemmMicroKernel.MR;
import static dev.rosenblatt.kernels.simd.SgemmMicroKernel.NR;
import static dev.rosenblatt.kernels.simd.SimdSpecies.ORDER;

/**
 * Copies blocks of op(A) and op(B) into the contiguous panels the micro-kernel streams through: A as slivers of
 * MR rows (for each p, MR consecutive floats), B as slivers of NR columns (for each p, NR consecutive floats).
 * Ragged slivers are padded with zeros, so the micro-kernel always reads whole tiles and never past the scratch.
 */
final class SgemmPacking {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    /**
     * Vectors of exactly MR lanes, to copy a sliver row of a transposed A in one move; null where the machine's
     * vectors are narrower than that (then the copy goes lane by lane).
     */
    private static final VectorSpecies<Float> SLIVER = MR * Float.SIZE <= SimdSpecies.BITS
            ? VectorSpecies.of(float.class, VectorShape.forBitSize(MR * Float.SIZE)) : null;

    private SgemmPacking() {
    }

    /** Packs op(A)[i0 .. i0+mc, p0 .. p0+kc) into {@code dst} from byte 0. */
    static void packA(Transpose transA, MemorySegment a, long aOff, long lda, int i0, int mc, int p0, int kc,
                      MemorySegment dst) {
        long out = 0;
        for (int ib = 0; ib < mc; ib += MR) {
            int rows = Math.min(MR, mc - ib);
            if (transA == Transpose.N) {
                // Rows of A are contiguous along p: read each row once, scatter it into the sliver.
                long r0 = aOff + (long) (i0 + ib) * lda + p0;
                for (int r = 0; r < MR; r++) {
                    long o = out + (long) r * Float.BYTES;
                    if (r < rows) {
                        long src = r0 + r * lda;
                        for (int p = 0; p < kc; p++) {
                            dst.set(F32, o + (long) p * MR * Float.BYTES, a.getAtIndex(F32, src + p));
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            dst.set(F32, o + (long) p * MR * Float.BYTES, 0f);
                        }
                    }
                }
            } else {
                // op(A)(i, p) = A(p, i): each p's MR values are already consecutive in row p of A.
                // No data-dependent branch inside the loops: C2 hoists their bounds checks, and a branch that
                // flips on the last ragged sliver made it deoptimize over and over until it gave up compiling.
                if (rows == MR && SLIVER != null) {
                    for (int p = 0; p < kc; p++) {
                        long src = (aOff + (long) (p0 + p) * lda + i0 + ib) * Float.BYTES;
                        FloatVector.fromMemorySegment(SLIVER, a, src, ORDER)
                                .intoMemorySegment(dst, out + (long) p * MR * Float.BYTES, ORDER);
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        long src = aOff + (long) (p0 + p) * lda + i0 + ib;
                        long o = out + (long) p * MR * Float.BYTES;
                        for (int r = 0; r < rows; r++) {
                            dst.set(F32, o + (long) r * Float.BYTES, a.getAtIndex(F32, src + r));
                        }
                        for (int r = rows; r < MR; r++) {
                            dst.set(F32, o + (long) r * Float.BYTES, 0f);
                        }
                    }
                }
            }
            out += (long) kc * MR * Float.BYTES;
        }
    }

    /** Packs op(B)[p0 .. p0+kc, j0 .. j0+nc) into {@code dst} from byte 0. */
    static void packB(Transpose transB, MemorySegment b, long bOff, long ldb, int p0, int kc, int j0, int nc,
                      MemorySegment dst) {
        long out = 0;
        for (int jb = 0; jb < nc; jb += NR) {
            int cols = Math.min(NR, nc - jb);
            if (transB == Transpose.N) {
                // Rows of B are contiguous along j: two vector copies per p (masked at a ragged edge).
                long src = (bOff + (long) p0 * ldb + j0 + jb) * Float.BYTES;
                long step = ldb * Float.BYTES;
                for (int v = 0; v < NR; v += L) {
                    long o = out + (long) v * Float.BYTES;
                    if (v + L <= cols) {
                        for (int p = 0; p < kc; p++) {
                            FloatVector.fromMemorySegment(F, b, src + p * step + (long) v * Float.BYTES, ORDER)
                                    .intoMemorySegment(dst, o + (long) p * NR * Float.BYTES, ORDER);
                        }
                    } else {
                        VectorMask<Float> m = F.indexInRange(v, cols);
                        for (int p = 0; p < kc; p++) {
                            FloatVector.fromMemorySegment(F, b, src + p * step + (long) v * Float.BYTES, ORDER, m)
                                    .intoMemorySegment(dst, o + (long) p * NR * Float.BYTES, ORDER);
                        }
                    }
                }
            } else {
                // op(B)(p, j) = B(j, p): read four rows of B along p at a time, and write each p's four values
                // side by side into the sliver (four streams in, one short contiguous store out).
                int j = 0;
                for (; j + 4 <= cols; j += 4) {
                    long src = bOff + (long) (j0 + jb + j) * ldb + p0;
                    long o = out + (long) j * Float.BYTES;
                    for (int p = 0; p < kc; p++) {
                        long d = o + (long) p * NR * Float.BYTES;
                        dst.set(F32, d, b.getAtIndex(F32, src + p));
                        dst.set(F32, d + 4, b.getAtIndex(F32, src + ldb + p));
                        dst.set(F32, d + 8, b.getAtIndex(F32, src + 2 * ldb + p));
                        dst.set(F32, d + 12, b.getAtIndex(F32, src + 3 * ldb + p));
                    }
                }
                for (; j < cols; j++) {
                    long src = bOff + (long) (j0 + jb + j) * ldb + p0;
                    long o = out + (long) j * Float.BYTES;
                    for (int p = 0; p < kc; p++) {
                        dst.set(F32, o + (long) p * NR * Float.BYTES, b.getAtIndex(F32, src + p));
                    }
                }
                for (; j < NR; j++) {
                    long o = out + (long) j * Float.BYTES;
                    for (int p = 0; p < kc; p++) {
                        dst.set(F32, o + (long) p * NR * Float.BYTES, 0f);
                    }
                }
            }
            out += (long) kc * NR * Float.BYTES;
        }
    }
}
