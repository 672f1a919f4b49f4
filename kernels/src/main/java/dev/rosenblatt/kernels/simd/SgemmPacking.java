package dev.rosenblatt.kernels.simd;

import dev.rosenblatt.kernels.Transpose;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.rosenblatt.kernels.simd.SgemmMicroKernel.F;
import static dev.rosenblatt.kernels.simd.SgemmMicroKernel.L;
import static dev.rosenblatt.kernels.simd.SgemmMicroKernel.MR;
import static dev.rosenblatt.kernels.simd.SgemmMicroKernel.NR;
import static dev.rosenblatt.kernels.simd.SgemmMicroKernel.NV;
import static dev.rosenblatt.kernels.simd.SimdSpecies.ORDER;

/**
 * Copies blocks of op(A) and op(B) into the contiguous panels the micro-kernel streams through: A as slivers of
 * MR rows (for each p, MR consecutive floats), B as slivers of NR columns (for each p, NR consecutive floats).
 * Ragged slivers are padded with zeros, so the micro-kernel always reads whole tiles and never past the scratch.
 *
 * <p>Source of its float64 twin, generated at build time by kernels/pom.xml.
 */
final class SgemmPacking {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    /** Bytes of one vector; a sliver row (NR elements) is NV of them. */
    private static final long VB = (long) L * Float.BYTES;
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
        // One method per layout, each small enough for C2 to inline every Vector API call in it (a Vector API call
        // that C2 does not inline runs as plain Java, allocating a vector per operation).
        if (transB == Transpose.N) {
            packRows(b, bOff, ldb, p0, kc, j0, nc, dst);
        } else {
            packColumns(b, bOff, ldb, p0, kc, j0, nc, dst);
        }
    }

    /**
     * op(B) = B: slivers are pieces of rows of B. Whole slivers are filled walking B row by row, so that B is read
     * in address order: walking one sliver at a time read a row per step, 4 KiB apart for a 1024-column B, and ran
     * a 128x1024x1024 product at 88.9 GFLOP/s against 93.7 this way (2026-11-26, 1 thread, same JVM).
     */
    private static void packRows(MemorySegment b, long bOff, long ldb, int p0, int kc, int j0, int nc,
                                 MemorySegment dst) {
        int whole = nc / NR;
        long sliverBytes = (long) kc * NR * Float.BYTES;
        for (int p = 0; p < kc; p++) {
            long from = (bOff + (long) (p0 + p) * ldb + j0) * Float.BYTES;
            long to = (long) p * NR * Float.BYTES;
            for (int s = 0; s < whole; s++) {
                for (int v = 0; v < NV; v++) {
                    FloatVector.fromMemorySegment(F, b, from + v * VB, ORDER).intoMemorySegment(dst, to + v * VB, ORDER);
                }
                from += NR * Float.BYTES;
                to += sliverBytes;
            }
        }
        if (whole * NR < nc) {
            packRaggedSliver(b, bOff, ldb, p0, kc, j0 + whole * NR, nc - whole * NR, dst, whole * sliverBytes);
        }
    }

    /**
     * op(B) = B, one sliver of {@code cols < NR} columns into {@code dst} from byte {@code out}, padded with zeros
     * as far as the kernel for {@code cols} reads ({@link SgemmMicroKernel#readWidth}): whole vectors as vectors;
     * the last few columns of a row as one whole vector read from B, its lanes past the sliver blended to zero,
     * wherever a whole vector there lies inside B, and element by element in the last rows, where it would not.
     * (Masked loads near the end of a segment take a fallback path that C2 kept recompiling; see
     * SgemmMicroKernel's update. The element-by-element copy of every row was 23% of a 128x10x128 product.)
     */
    static void packRaggedSliver(MemorySegment b, long bOff, long ldb, int p0, int kc, int j0, int cols,
                                 MemorySegment dst, long out) {
        long src = (bOff + (long) p0 * ldb + j0) * Float.BYTES;
        long step = ldb * Float.BYTES;
        int vectors = cols / L * L;
        for (int v = 0; v < vectors; v += L) {
            long o = out + (long) v * Float.BYTES;
            for (int p = 0; p < kc; p++) {
                FloatVector.fromMemorySegment(F, b, src + p * step + (long) v * Float.BYTES, ORDER)
                        .intoMemorySegment(dst, o + (long) p * NR * Float.BYTES, ORDER);
            }
        }
        FloatVector zero = FloatVector.zero(F);
        int width = SgemmMicroKernel.readWidth(cols);
        int tail = cols - vectors;
        long tailOffset = (long) vectors * Float.BYTES;
        // Rows whose tail can be read as a whole vector: from + tailOffset + VB <= b.byteSize(). Two loops, no
        // branch inside: a ternary in such a copy loop was deoptimized and recompiled 195 times in one run.
        long room = b.byteSize() - VB - src - tailOffset;
        int wholeRows = tail == 0 ? kc : room < 0 ? 0 : (int) Math.min(kc, room / step + 1);
        VectorMask<Float> keep = LANE.compare(VectorOperators.LT, (float) tail);
        for (int p = 0; p < wholeRows; p++) {
            long to = out + (long) p * NR * Float.BYTES;
            if (tail > 0) {
                zero.blend(FloatVector.fromMemorySegment(F, b, src + p * step + tailOffset, ORDER), keep)
                        .intoMemorySegment(dst, to + tailOffset, ORDER);
            }
            for (int v = vectors + (tail > 0 ? L : 0); v < width; v += L) {
                zero.intoMemorySegment(dst, to + (long) v * Float.BYTES, ORDER);
            }
        }
        for (int p = wholeRows; p < kc; p++) {
            long from = src + p * step;
            long to = out + (long) p * NR * Float.BYTES;
            for (int v = vectors; v < width; v += L) {
                zero.intoMemorySegment(dst, to + (long) v * Float.BYTES, ORDER);
            }
            for (int j = vectors; j < cols; j++) {
                dst.set(F32, to + (long) j * Float.BYTES, b.get(F32, from + (long) j * Float.BYTES));
            }
        }
    }

    /** Lane indices 0, 1, ..., L - 1, for the tail masks. */
    private static final FloatVector LANE = FloatVector.fromArray(F, laneIndices(), 0);

    private static float[] laneIndices() {
        float[] lanes = new float[L];
        for (int i = 0; i < L; i++) {
            lanes[i] = i;
        }
        return lanes;
    }

    /** op(B) = B^T: slivers are pieces of columns of the stored B. */
    private static void packColumns(MemorySegment b, long bOff, long ldb, int p0, int kc, int j0, int nc,
                                    MemorySegment dst) {
        long out = 0;
        for (int jb = 0; jb < nc; jb += NR) {
            int cols = Math.min(NR, nc - jb);
            // op(B)(p, j) = B(j, p). Whole groups of TB columns go through TB x TB block transposes in registers
            // (TB rows of B along p in, TB sliver rows along j out); the ragged rest goes lane by lane.
            int groups = TB > 0 ? cols / TB : 0;
            int kcFull = TB > 0 ? kc - kc % TB : 0;
            long srcStride = ldb * Float.BYTES;
            for (int g = 0; g < groups; g++) {
                long src = (bOff + (long) (j0 + jb + g * TB) * ldb + p0) * Float.BYTES;
                long o = out + (long) g * TB * Float.BYTES;
                for (int p = 0; p < kcFull; p += TB) {
                    if (TB == 8) {
                        transpose8(b, src + (long) p * Float.BYTES, srcStride, dst, o + (long) p * SLIVER_ROW);
                    } else {
                        transpose4(b, src + (long) p * Float.BYTES, srcStride, dst, o + (long) p * SLIVER_ROW);
                    }
                }
            }
            int j = 0;
            for (; j < groups * TB; j++) {
                copyColumn(b, bOff + (long) (j0 + jb + j) * ldb + p0, kcFull, kc,
                        dst, out + (long) j * Float.BYTES);
            }
            for (; j < cols; j++) {
                copyColumn(b, bOff + (long) (j0 + jb + j) * ldb + p0, 0, kc, dst, out + (long) j * Float.BYTES);
            }
            for (int width = SgemmMicroKernel.readWidth(cols); j < width; j++) {
                long o = out + (long) j * Float.BYTES;
                for (int p = 0; p < kc; p++) {
                    dst.set(F32, o + (long) p * NR * Float.BYTES, 0f);
                }
            }
            out += (long) kc * NR * Float.BYTES;
        }
    }

    /** Column j of a sliver, p in [from, to), from row j of B (element p at index {@code src + p}). */
    private static void copyColumn(MemorySegment b, long src, int from, int to, MemorySegment dst, long o) {
        for (int p = from; p < to; p++) {
            dst.set(F32, o + (long) p * NR * Float.BYTES, b.getAtIndex(F32, src + p));
        }
    }

    /*
     * TB x TB block transposes in registers: stage h (h = 1, 2, 4) swaps the off-diagonal h x h blocks of every
     * 2h x 2h block, pairing rows r and r + h. Each output row is one two-vector permute (vpermi2p* on AVX-512)
     * whose index vector picks from the pair's concatenation: lanes [0, TB) from row r, [TB, 2TB) from row r + h.
     * The rows are named locals, never an array: a vector that escapes is boxed.
     *
     * Measured on 784 x 256 (single precision, 512-bit machine): lane by lane 59 us; 16 x 16 blocks in 512-bit
     * registers 30 us, but that method was too big for C1 ("out of virtual registers"), stayed at C1's limited
     * tier and ran the Vector API uncompiled whenever C2 had not compiled it yet (in training, 784-1024-1024-10
     * fell from 7.2k to 4.5k samples/s); 16 x 16 in two passes through a scratch buffer 50 us; 8 x 8 blocks of
     * 8-lane (here 256-bit) vectors, below, 41 us. (Two 8 x 8 blocks side by side in 512-bit vectors need their
     * halves stored apart: masked stores ran it at 63 us, and half extracts were not compiled to vector code.)
     */

    /** Side of the block transposes: 8 where the machine has 8-lane vectors of this type, else 4, else none. */
    private static final int TB = SimdSpecies.BITS >= 8 * Float.SIZE ? 8 : L == 4 ? 4 : 0;
    /** The TB-lane species of the block transposes. */
    private static final VectorSpecies<Float> T = TB == 8
            ? VectorSpecies.of(float.class, VectorShape.forBitSize(8 * Float.SIZE)) : F;
    private static final long SLIVER_ROW = (long) NR * Float.BYTES;

    private static final FloatVector SWAP1_LO = swapIndex(1, false);
    private static final FloatVector SWAP1_HI = swapIndex(1, true);
    private static final FloatVector SWAP2_LO = swapIndex(2, false);
    private static final FloatVector SWAP2_HI = swapIndex(2, true);
    private static final FloatVector SWAP4_LO = swapIndex(4, false);
    private static final FloatVector SWAP4_HI = swapIndex(4, true);

    /** Index vector of stage h for the low (row r) or high (row r + h) output row; null when h >= TB. */
    private static FloatVector swapIndex(int h, boolean high) {
        if (h >= TB) {
            return null;
        }
        float[] index = new float[TB];
        for (int j = 0; j < TB; j++) {
            boolean low = (j & h) == 0;
            index[j] = high ? (low ? j + h : TB + j) : (low ? j : TB + j - h);
        }
        return FloatVector.fromArray(T, index, 0);
    }

    private static void transpose8(MemorySegment b, long src, long srcStride, MemorySegment dst, long out) {
        FloatVector r0 = FloatVector.fromMemorySegment(T, b, src + 0 * srcStride, ORDER);
        FloatVector r1 = FloatVector.fromMemorySegment(T, b, src + 1 * srcStride, ORDER);
        FloatVector r2 = FloatVector.fromMemorySegment(T, b, src + 2 * srcStride, ORDER);
        FloatVector r3 = FloatVector.fromMemorySegment(T, b, src + 3 * srcStride, ORDER);
        FloatVector r4 = FloatVector.fromMemorySegment(T, b, src + 4 * srcStride, ORDER);
        FloatVector r5 = FloatVector.fromMemorySegment(T, b, src + 5 * srcStride, ORDER);
        FloatVector r6 = FloatVector.fromMemorySegment(T, b, src + 6 * srcStride, ORDER);
        FloatVector r7 = FloatVector.fromMemorySegment(T, b, src + 7 * srcStride, ORDER);
        FloatVector s00 = SWAP1_LO.selectFrom(r0, r1);
        FloatVector s01 = SWAP1_HI.selectFrom(r0, r1);
        FloatVector s02 = SWAP1_LO.selectFrom(r2, r3);
        FloatVector s03 = SWAP1_HI.selectFrom(r2, r3);
        FloatVector s04 = SWAP1_LO.selectFrom(r4, r5);
        FloatVector s05 = SWAP1_HI.selectFrom(r4, r5);
        FloatVector s06 = SWAP1_LO.selectFrom(r6, r7);
        FloatVector s07 = SWAP1_HI.selectFrom(r6, r7);
        FloatVector s10 = SWAP2_LO.selectFrom(s00, s02);
        FloatVector s12 = SWAP2_HI.selectFrom(s00, s02);
        FloatVector s11 = SWAP2_LO.selectFrom(s01, s03);
        FloatVector s13 = SWAP2_HI.selectFrom(s01, s03);
        FloatVector s14 = SWAP2_LO.selectFrom(s04, s06);
        FloatVector s16 = SWAP2_HI.selectFrom(s04, s06);
        FloatVector s15 = SWAP2_LO.selectFrom(s05, s07);
        FloatVector s17 = SWAP2_HI.selectFrom(s05, s07);
        FloatVector s20 = SWAP4_LO.selectFrom(s10, s14);
        FloatVector s24 = SWAP4_HI.selectFrom(s10, s14);
        FloatVector s21 = SWAP4_LO.selectFrom(s11, s15);
        FloatVector s25 = SWAP4_HI.selectFrom(s11, s15);
        FloatVector s22 = SWAP4_LO.selectFrom(s12, s16);
        FloatVector s26 = SWAP4_HI.selectFrom(s12, s16);
        FloatVector s23 = SWAP4_LO.selectFrom(s13, s17);
        FloatVector s27 = SWAP4_HI.selectFrom(s13, s17);
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
        FloatVector r0 = FloatVector.fromMemorySegment(T, b, src + 0 * srcStride, ORDER);
        FloatVector r1 = FloatVector.fromMemorySegment(T, b, src + 1 * srcStride, ORDER);
        FloatVector r2 = FloatVector.fromMemorySegment(T, b, src + 2 * srcStride, ORDER);
        FloatVector r3 = FloatVector.fromMemorySegment(T, b, src + 3 * srcStride, ORDER);
        FloatVector s00 = SWAP1_LO.selectFrom(r0, r1);
        FloatVector s01 = SWAP1_HI.selectFrom(r0, r1);
        FloatVector s02 = SWAP1_LO.selectFrom(r2, r3);
        FloatVector s03 = SWAP1_HI.selectFrom(r2, r3);
        FloatVector s10 = SWAP2_LO.selectFrom(s00, s02);
        FloatVector s12 = SWAP2_HI.selectFrom(s00, s02);
        FloatVector s11 = SWAP2_LO.selectFrom(s01, s03);
        FloatVector s13 = SWAP2_HI.selectFrom(s01, s03);
        s10.intoMemorySegment(dst, out + 0 * SLIVER_ROW, ORDER);
        s11.intoMemorySegment(dst, out + 1 * SLIVER_ROW, ORDER);
        s12.intoMemorySegment(dst, out + 2 * SLIVER_ROW, ORDER);
        s13.intoMemorySegment(dst, out + 3 * SLIVER_ROW, ORDER);
    }
}
