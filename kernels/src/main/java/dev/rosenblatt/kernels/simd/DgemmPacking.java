package dev.rosenblatt.kernels.simd;

import dev.rosenblatt.kernels.Transpose;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.rosenblatt.kernels.simd.DgemmMicroKernel.F;
import static dev.rosenblatt.kernels.simd.DgemmMicroKernel.L;
import static dev.rosenblatt.kernels.simd.DgemmMicroKernel.MR;
import static dev.rosenblatt.kernels.simd.DgemmMicroKernel.NR;
import static dev.rosenblatt.kernels.simd.SimdSpecies.ORDER;

/**
 * Copies blocks of op(A) and op(B) into the contiguous panels the micro-kernel streams through: A as slivers of
 * MR rows (for each p, MR consecutive doubles), B as slivers of NR columns (for each p, NR consecutive doubles).
 * Ragged slivers are padded with zeros, so the micro-kernel always reads whole tiles and never past the scratch.
 */
final class DgemmPacking {

    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    /**
     * Vectors of exactly MR lanes, to copy a sliver row of a transposed A in one move; null where the machine's
     * vectors are narrower than that (then the copy goes lane by lane).
     */
    private static final VectorSpecies<Double> SLIVER = MR * Double.SIZE <= SimdSpecies.BITS
            ? VectorSpecies.of(double.class, VectorShape.forBitSize(MR * Double.SIZE)) : null;

    private DgemmPacking() {
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
                    long o = out + (long) r * Double.BYTES;
                    if (r < rows) {
                        long src = r0 + r * lda;
                        for (int p = 0; p < kc; p++) {
                            dst.set(F64, o + (long) p * MR * Double.BYTES, a.getAtIndex(F64, src + p));
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            dst.set(F64, o + (long) p * MR * Double.BYTES, 0d);
                        }
                    }
                }
            } else {
                // op(A)(i, p) = A(p, i): each p's MR values are already consecutive in row p of A.
                // No data-dependent branch inside the loops: C2 hoists their bounds checks, and a branch that
                // flips on the last ragged sliver made it deoptimize over and over until it gave up compiling.
                if (rows == MR && SLIVER != null) {
                    for (int p = 0; p < kc; p++) {
                        long src = (aOff + (long) (p0 + p) * lda + i0 + ib) * Double.BYTES;
                        DoubleVector.fromMemorySegment(SLIVER, a, src, ORDER)
                                .intoMemorySegment(dst, out + (long) p * MR * Double.BYTES, ORDER);
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        long src = aOff + (long) (p0 + p) * lda + i0 + ib;
                        long o = out + (long) p * MR * Double.BYTES;
                        for (int r = 0; r < rows; r++) {
                            dst.set(F64, o + (long) r * Double.BYTES, a.getAtIndex(F64, src + r));
                        }
                        for (int r = rows; r < MR; r++) {
                            dst.set(F64, o + (long) r * Double.BYTES, 0d);
                        }
                    }
                }
            }
            out += (long) kc * MR * Double.BYTES;
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
                long src = (bOff + (long) p0 * ldb + j0 + jb) * Double.BYTES;
                long step = ldb * Double.BYTES;
                for (int v = 0; v < NR; v += L) {
                    long o = out + (long) v * Double.BYTES;
                    if (v + L <= cols) {
                        for (int p = 0; p < kc; p++) {
                            DoubleVector.fromMemorySegment(F, b, src + p * step + (long) v * Double.BYTES, ORDER)
                                    .intoMemorySegment(dst, o + (long) p * NR * Double.BYTES, ORDER);
                        }
                    } else {
                        VectorMask<Double> m = F.indexInRange(v, cols);
                        for (int p = 0; p < kc; p++) {
                            DoubleVector.fromMemorySegment(F, b, src + p * step + (long) v * Double.BYTES, ORDER, m)
                                    .intoMemorySegment(dst, o + (long) p * NR * Double.BYTES, ORDER);
                        }
                    }
                }
            } else {
                // op(B)(p, j) = B(j, p): read four rows of B along p at a time, and write each p's four values
                // side by side into the sliver (four streams in, one short contiguous store out).
                int j = 0;
                for (; j + 4 <= cols; j += 4) {
                    long src = bOff + (long) (j0 + jb + j) * ldb + p0;
                    long o = out + (long) j * Double.BYTES;
                    for (int p = 0; p < kc; p++) {
                        long d = o + (long) p * NR * Double.BYTES;
                        dst.set(F64, d, b.getAtIndex(F64, src + p));
                        dst.set(F64, d + 8, b.getAtIndex(F64, src + ldb + p));
                        dst.set(F64, d + 16, b.getAtIndex(F64, src + 2 * ldb + p));
                        dst.set(F64, d + 24, b.getAtIndex(F64, src + 3 * ldb + p));
                    }
                }
                for (; j < cols; j++) {
                    long src = bOff + (long) (j0 + jb + j) * ldb + p0;
                    long o = out + (long) j * Double.BYTES;
                    for (int p = 0; p < kc; p++) {
                        dst.set(F64, o + (long) p * NR * Double.BYTES, b.getAtIndex(F64, src + p));
                    }
                }
                for (; j < NR; j++) {
                    long o = out + (long) j * Double.BYTES;
                    for (int p = 0; p < kc; p++) {
                        dst.set(F64, o + (long) p * NR * Double.BYTES, 0d);
                    }
                }
            }
            out += (long) kc * NR * Double.BYTES;
        }
    }
}
