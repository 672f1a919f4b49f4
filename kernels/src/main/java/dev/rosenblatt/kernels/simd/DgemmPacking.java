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
        // Two methods, each small enough for C2 to inline every Vector API call in it: in one large method the
        // masked copies stopped being intrinsified (NodeCountInliningCutoff) and training slowed down by 40%.
        if (transB == Transpose.N) {
            packRows(b, bOff, ldb, p0, kc, j0, nc, dst);
        } else {
            packColumns(b, bOff, ldb, p0, kc, j0, nc, dst);
        }
    }

    /** op(B) = B: slivers are pieces of rows of B. */
    private static void packRows(MemorySegment b, long bOff, long ldb, int p0, int kc, int j0, int nc,
                                 MemorySegment dst) {
        long out = 0;
        for (int jb = 0; jb < nc; jb += NR) {
            int cols = Math.min(NR, nc - jb);
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
            out += (long) kc * NR * Double.BYTES;
        }
    }

    /** op(B) = B^T: slivers are pieces of columns of the stored B. */
    private static void packColumns(MemorySegment b, long bOff, long ldb, int p0, int kc, int j0, int nc,
                                    MemorySegment dst) {
        long out = 0;
        for (int jb = 0; jb < nc; jb += NR) {
            int cols = Math.min(NR, nc - jb);
            // op(B)(p, j) = B(j, p). Whole groups of L columns go through L x L block transposes in registers
            // (L rows of B along p in, L sliver rows along j out): about 2x the lane-by-lane copy, which
            // still does the ragged rest.
            int groups = BLOCK_TRANSPOSE ? cols / L : 0;
            int kcFull = BLOCK_TRANSPOSE ? kc - kc % L : 0;
            long srcStride = ldb * Double.BYTES;
            for (int g = 0; g < groups; g++) {
                long src = (bOff + (long) (j0 + jb + g * L) * ldb + p0) * Double.BYTES;
                long o = out + (long) g * L * Double.BYTES;
                for (int p = 0; p < kcFull; p += L) {
                    if (L == 8) {
                        transpose8(b, src + (long) p * Double.BYTES, srcStride, dst, o + (long) p * SLIVER_ROW);
                    } else if (L == 4) {
                        transpose4(b, src + (long) p * Double.BYTES, srcStride, dst, o + (long) p * SLIVER_ROW);
                    }
                }
            }
            int j = 0;
            for (; j < groups * L; j++) {
                copyColumn(b, bOff + (long) (j0 + jb + j) * ldb + p0, kcFull, kc,
                        dst, out + (long) j * Double.BYTES);
            }
            for (; j < cols; j++) {
                copyColumn(b, bOff + (long) (j0 + jb + j) * ldb + p0, 0, kc, dst, out + (long) j * Double.BYTES);
            }
            for (; j < NR; j++) {
                long o = out + (long) j * Double.BYTES;
                for (int p = 0; p < kc; p++) {
                    dst.set(F64, o + (long) p * NR * Double.BYTES, 0d);
                }
            }
            out += (long) kc * NR * Double.BYTES;
        }
    }

    /** Column j of a sliver, p in [from, to), from row j of B (element p at index {@code src + p}). */
    private static void copyColumn(MemorySegment b, long src, int from, int to, MemorySegment dst, long o) {
        for (int p = from; p < to; p++) {
            dst.set(F64, o + (long) p * NR * Double.BYTES, b.getAtIndex(F64, src + p));
        }
    }

    /*
     * L x L block transposes, one method per width, all in registers: stage h (h = 1, 2, 4, ...) swaps the
     * off-diagonal h x h blocks of every 2h x 2h block, pairing rows r and r + h. Each output row is one two-vector
     * permute (vpermi2p* on AVX-512) whose index vector picks from the pair's concatenation: lanes [0, L) from row
     * r, [L, 2L) from row r + h. The rows are named locals, never an array: a vector that escapes is boxed. Written
     * through a scratch buffer, stage by stage, the same transpose ran slower than the lane-by-lane copy.
     */

    /** Block transposes cover L = 8, 4; other widths copy lane by lane. */
    private static final boolean BLOCK_TRANSPOSE = L == 8 || L == 4;
    private static final long SLIVER_ROW = (long) NR * Double.BYTES;

    private static final DoubleVector SWAP1_LO = swapIndex(1, false);
    private static final DoubleVector SWAP1_HI = swapIndex(1, true);
    private static final DoubleVector SWAP2_LO = swapIndex(2, false);
    private static final DoubleVector SWAP2_HI = swapIndex(2, true);
    private static final DoubleVector SWAP4_LO = swapIndex(4, false);
    private static final DoubleVector SWAP4_HI = swapIndex(4, true);

    /** Index vector of stage h for the low (row r) or high (row r + h) output row; null when h >= L. */
    private static DoubleVector swapIndex(int h, boolean high) {
        if (h >= L) {
            return null;
        }
        double[] index = new double[L];
        for (int j = 0; j < L; j++) {
            boolean low = (j & h) == 0;
            index[j] = high ? (low ? j + h : L + j) : (low ? j : L + j - h);
        }
        return DoubleVector.fromArray(F, index, 0);
    }

    private static void transpose8(MemorySegment b, long src, long srcStride, MemorySegment dst, long out) {
        DoubleVector r0 = DoubleVector.fromMemorySegment(F, b, src + 0 * srcStride, ORDER);
        DoubleVector r1 = DoubleVector.fromMemorySegment(F, b, src + 1 * srcStride, ORDER);
        DoubleVector r2 = DoubleVector.fromMemorySegment(F, b, src + 2 * srcStride, ORDER);
        DoubleVector r3 = DoubleVector.fromMemorySegment(F, b, src + 3 * srcStride, ORDER);
        DoubleVector r4 = DoubleVector.fromMemorySegment(F, b, src + 4 * srcStride, ORDER);
        DoubleVector r5 = DoubleVector.fromMemorySegment(F, b, src + 5 * srcStride, ORDER);
        DoubleVector r6 = DoubleVector.fromMemorySegment(F, b, src + 6 * srcStride, ORDER);
        DoubleVector r7 = DoubleVector.fromMemorySegment(F, b, src + 7 * srcStride, ORDER);
        DoubleVector s00 = SWAP1_LO.selectFrom(r0, r1);
        DoubleVector s01 = SWAP1_HI.selectFrom(r0, r1);
        DoubleVector s02 = SWAP1_LO.selectFrom(r2, r3);
        DoubleVector s03 = SWAP1_HI.selectFrom(r2, r3);
        DoubleVector s04 = SWAP1_LO.selectFrom(r4, r5);
        DoubleVector s05 = SWAP1_HI.selectFrom(r4, r5);
        DoubleVector s06 = SWAP1_LO.selectFrom(r6, r7);
        DoubleVector s07 = SWAP1_HI.selectFrom(r6, r7);
        DoubleVector s10 = SWAP2_LO.selectFrom(s00, s02);
        DoubleVector s12 = SWAP2_HI.selectFrom(s00, s02);
        DoubleVector s11 = SWAP2_LO.selectFrom(s01, s03);
        DoubleVector s13 = SWAP2_HI.selectFrom(s01, s03);
        DoubleVector s14 = SWAP2_LO.selectFrom(s04, s06);
        DoubleVector s16 = SWAP2_HI.selectFrom(s04, s06);
        DoubleVector s15 = SWAP2_LO.selectFrom(s05, s07);
        DoubleVector s17 = SWAP2_HI.selectFrom(s05, s07);
        DoubleVector s20 = SWAP4_LO.selectFrom(s10, s14);
        DoubleVector s24 = SWAP4_HI.selectFrom(s10, s14);
        DoubleVector s21 = SWAP4_LO.selectFrom(s11, s15);
        DoubleVector s25 = SWAP4_HI.selectFrom(s11, s15);
        DoubleVector s22 = SWAP4_LO.selectFrom(s12, s16);
        DoubleVector s26 = SWAP4_HI.selectFrom(s12, s16);
        DoubleVector s23 = SWAP4_LO.selectFrom(s13, s17);
        DoubleVector s27 = SWAP4_HI.selectFrom(s13, s17);
        s20.intoMemorySegment(dst, out + 0 * SLIVER_ROW, ORDER);
        s21.intoMemorySegment(dst, out + 1 * SLIVER_ROW, ORDER);
        s22.intoMemorySegment(dst, out + 2 * SLIVER_ROW, ORDER);
        s23.intoMemorySegment(dst, out + 3 * SLIVER_ROW, ORDER);
        s24.intoMemorySegment(dst, out + 4 * SLIVER_ROW, ORDER);
        s25.intoMemorySegment(dst, out + 5 * SLIVER_ROW, ORDER);
        s26.intoMemorySegment(dst, out + 6 * SLIVER_ROW, ORDER);
        s27.intoMemorySegment(dst, out + 7 * SLIVER_ROW, ORDER);
    }

    private static void transpose4(MemorySegment b, long src, long srcStride, MemorySegment dst, long out) {
        DoubleVector r0 = DoubleVector.fromMemorySegment(F, b, src + 0 * srcStride, ORDER);
        DoubleVector r1 = DoubleVector.fromMemorySegment(F, b, src + 1 * srcStride, ORDER);
        DoubleVector r2 = DoubleVector.fromMemorySegment(F, b, src + 2 * srcStride, ORDER);
        DoubleVector r3 = DoubleVector.fromMemorySegment(F, b, src + 3 * srcStride, ORDER);
        DoubleVector s00 = SWAP1_LO.selectFrom(r0, r1);
        DoubleVector s01 = SWAP1_HI.selectFrom(r0, r1);
        DoubleVector s02 = SWAP1_LO.selectFrom(r2, r3);
        DoubleVector s03 = SWAP1_HI.selectFrom(r2, r3);
        DoubleVector s10 = SWAP2_LO.selectFrom(s00, s02);
        DoubleVector s12 = SWAP2_HI.selectFrom(s00, s02);
        DoubleVector s11 = SWAP2_LO.selectFrom(s01, s03);
        DoubleVector s13 = SWAP2_HI.selectFrom(s01, s03);
        s10.intoMemorySegment(dst, out + 0 * SLIVER_ROW, ORDER);
        s11.intoMemorySegment(dst, out + 1 * SLIVER_ROW, ORDER);
        s12.intoMemorySegment(dst, out + 2 * SLIVER_ROW, ORDER);
        s13.intoMemorySegment(dst, out + 3 * SLIVER_ROW, ORDER);
    }
}
