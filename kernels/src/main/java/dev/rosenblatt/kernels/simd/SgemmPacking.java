package dev.rosenblatt.kernels.simd;

import dev.rosenblatt.kernels.Transpose;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

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
                // op(B)(p, j) = B(j, p): read each of the NR rows of B along p, scatter into the sliver.
                for (int j = 0; j < NR; j++) {
                    long o = out + (long) j * Float.BYTES;
                    if (j < cols) {
                        long src = bOff + (long) (j0 + jb + j) * ldb + p0;
                        for (int p = 0; p < kc; p++) {
                            dst.set(F32, o + (long) p * NR * Float.BYTES, b.getAtIndex(F32, src + p));
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            dst.set(F32, o + (long) p * NR * Float.BYTES, 0f);
                        }
                    }
                }
            }
            out += (long) kc * NR * Float.BYTES;
        }
    }
}
