package dev.rosenblatt.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.rosenblatt.kernels.simd.SimdSpecies.ORDER;

/**
 * The float32 register tile: 4 rows by 4 vectors of C (4 x 4L elements, L the lanes of one vector),
 * held in 16 named accumulators for the whole k loop. Each step loads 4 vectors of B and broadcasts 4 elements of A:
 * 16 independent FMAs per step, enough to cover the FMA latency, and 8 loads per 16 FMAs.
 *
 * <p>Why 4 x 4 and not 8 x 2 (its shape until 2026-11-26): the 8 x 2 tile does 10 loads per 16 FMAs, and its A
 * loads are scalar loads, each with its own bounds check, through 8 row pointers. Measured the same day, 1 thread,
 * old and new builds alternated (`bench gemm`, medians of 15): float32 1024^3 101 -> 110 GFLOP/s, 2048^3 102 ->
 * 108-111, 128x256x784 107 -> 113, 128x784x256 NT 94 -> 100, 784x256x128 TN 107 -> 105 (108.5 once SimdSgemm
 * read a transposed A in place); float64 1024^3 49 -> 55.
 * The micro-kernel alone on packed panels (128 rows of A in place, k = 1024): 103 -> 114. 8 x 3, 6 x 4 and 4 x 4
 * measured alike alone; 4 x 4 keeps NR a power of two (the layers' widths), and MR = 4 divides every batch size that
 * is a multiple of 4.
 *
 * <p>The accumulators are locals, never an array: a vector that escapes becomes a heap object and the kernel
 * drops from near peak to a few GFLOP/s. Operands are addressed by byte strides so that the same code reads packed
 * panels and, on the small-matrix path, the caller's matrices directly.
 *
 * <p>Source of its float64 twin, generated at build time by kernels/pom.xml.
 */
final class SgemmMicroKernel {

    static final VectorSpecies<Float> F = SimdSpecies.F32;
    static final int L = F.length();
    static final int MR = 4;
    static final int NV = 4;
    static final int NR = NV * L;
    private static final long VB = (long) L * Float.BYTES;
    private static final long NR_BYTES = (long) NR * Float.BYTES;
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private SgemmMicroKernel() {
    }

    /**
     * C tile := alpha * A * B (+ beta * C when {@code first}, else + C), for the top-left mr x nr of the tile.
     *
     * @param a          A element (r, p) at byte {@code aBase + r * aRs + p * aCs}, for r in [0, MR): all rows readable
     * @param b          B row p (NV vectors) at byte {@code bBase + p * bRs}: all NR columns readable
     * @param first      whether this is the first k block: then beta applies (and C is not read when beta is 0);
     *                   later blocks add to C
     * @param tileBuffer scratch of MR x NR floats, 64-byte aligned
     */
    static void tile(int kc, MemorySegment a, long aBase, long aRs, long aCs,
                     MemorySegment b, long bBase, long bRs,
                     MemorySegment c, long cBase, long ldcBytes, int mr, int nr,
                     float alpha, float beta, boolean first, MemorySegment tileBuffer) {
        long a0 = aBase;
        long a1 = a0 + aRs;
        long a2 = a1 + aRs;
        long a3 = a2 + aRs;
        FloatVector c00 = FloatVector.zero(F); FloatVector c01 = FloatVector.zero(F);
        FloatVector c02 = FloatVector.zero(F); FloatVector c03 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F); FloatVector c11 = FloatVector.zero(F);
        FloatVector c12 = FloatVector.zero(F); FloatVector c13 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F); FloatVector c21 = FloatVector.zero(F);
        FloatVector c22 = FloatVector.zero(F); FloatVector c23 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F); FloatVector c31 = FloatVector.zero(F);
        FloatVector c32 = FloatVector.zero(F); FloatVector c33 = FloatVector.zero(F);
        long bo = bBase;
        long ao = 0;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromMemorySegment(F, b, bo, ORDER);
            FloatVector b1 = FloatVector.fromMemorySegment(F, b, bo + VB, ORDER);
            FloatVector b2 = FloatVector.fromMemorySegment(F, b, bo + 2 * VB, ORDER);
            FloatVector b3 = FloatVector.fromMemorySegment(F, b, bo + 3 * VB, ORDER);
            FloatVector x = FloatVector.broadcast(F, a.get(F32, a0 + ao));
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = FloatVector.broadcast(F, a.get(F32, a1 + ao));
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
            x = FloatVector.broadcast(F, a.get(F32, a2 + ao));
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            c23 = x.fma(b3, c23);
            x = FloatVector.broadcast(F, a.get(F32, a3 + ao));
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            c33 = x.fma(b3, c33);
            bo += bRs;
            ao += aCs;
        }
        // A whole tile that overwrites C with alpha 1 (every product of a training step) is stored into C itself;
        // any other is parked in the tile buffer (it stays in L1) for update(), which applies alpha and beta and
        // writes ragged edges. Passing the vectors to a method instead would box them (a vector that escapes is a
        // heap object), and writing every case out here makes the method too big for C1, which then hands it to
        // C2 late. The direct store gives the same bits: update() would multiply by alpha = 1.
        boolean direct = mr == MR && nr == NR && first && beta == 0f && alpha == 1f;
        MemorySegment out = direct ? c : tileBuffer;
        long r0 = direct ? cBase : 0;
        long rs = direct ? ldcBytes : NR_BYTES;
        long r1 = r0 + rs;
        long r2 = r1 + rs;
        long r3 = r2 + rs;
        c00.intoMemorySegment(out, r0, ORDER);
        c01.intoMemorySegment(out, r0 + VB, ORDER);
        c02.intoMemorySegment(out, r0 + 2 * VB, ORDER);
        c03.intoMemorySegment(out, r0 + 3 * VB, ORDER);
        c10.intoMemorySegment(out, r1, ORDER);
        c11.intoMemorySegment(out, r1 + VB, ORDER);
        c12.intoMemorySegment(out, r1 + 2 * VB, ORDER);
        c13.intoMemorySegment(out, r1 + 3 * VB, ORDER);
        c20.intoMemorySegment(out, r2, ORDER);
        c21.intoMemorySegment(out, r2 + VB, ORDER);
        c22.intoMemorySegment(out, r2 + 2 * VB, ORDER);
        c23.intoMemorySegment(out, r2 + 3 * VB, ORDER);
        c30.intoMemorySegment(out, r3, ORDER);
        c31.intoMemorySegment(out, r3 + VB, ORDER);
        c32.intoMemorySegment(out, r3 + 2 * VB, ORDER);
        c33.intoMemorySegment(out, r3 + 3 * VB, ORDER);
        if (!direct) {
            update(tileBuffer, c, cBase, ldcBytes, mr, nr, alpha, beta, first);
        }
    }

    /**
     * {@link #tile} for the common case of an A read along its rows (column stride one element: an untransposed A in
     * place) and B a packed sliver (NR elements a row): the same operations in the same order, so the same bits, but
     * with strides that C2 can see. With them its range-check elimination hoists the bounds checks of the eight
     * loads out of the k loop (counted in the compiled code: a step of 59 instructions, 50 micro-ops once each
     * compare fuses with its jump, becomes one of 32). The checks still run, once, before the loop: a copy mutated
     * to read past the end of A threw IndexOutOfBoundsException in the tests. On the development machine, with one
     * FMA unit a
     * core, that changed little (JMH, 1 thread, two forks each, alternated: 1024^3 102.8, 110.0 -> 103.1, 110.6
     * GFLOP/s; 512^3 NT 98.0, 101.1 -> 102.0, 107.7; 128x784x256 NT 99.5, 97.4 -> 98.3, 95.5); on a 16-core Xeon
     * with two, whose k loop is bound by instructions rather than FMAs, it ran about a fifth faster (2026-11-26,
     * alternated with the build before, on a quiet spell, an experiment build with this loop: 1 thread 1024^3
     * 86-127 -> 135-152 GFLOP/s, 16 threads 2048^3 1000-1028 -> 1200-1215; numpy's OpenBLAS there: 110-154 and
     * 1099; medians of two noisier passes with this code: 1 thread 68 -> 125 and 89 -> 117, 16 threads 799 -> 889
     * and 723 -> 932; bench/README.md, "Another machine"). A copy of
     * {@link #tile} rather than a flag: the strides must be constants in the loop itself, and two loops in one
     * method make it too big for C1 (see SgemmPacking's transposes). Used for blocks at least
     * {@link SimdSgemm#PACKED_B_KERNEL_MIN_K} deep, where its entry cost is earned back.
     *
     * @param a          A element (r, p) at byte {@code aBase + r * aRs + p * Float.BYTES}, for r in [0, MR): all rows
     *                   readable
     * @param b          B row p (NV vectors) at byte {@code bBase + p * NR * Float.BYTES}: all NR columns readable
     * @param first      whether this is the first k block: then beta applies (and C is not read when beta is 0);
     *                   later blocks add to C
     * @param tileBuffer scratch of MR x NR floats, 64-byte aligned
     */
    static void tilePackedB(int kc, MemorySegment a, long aBase, long aRs,
                            MemorySegment b, long bBase,
                            MemorySegment c, long cBase, long ldcBytes, int mr, int nr,
                            float alpha, float beta, boolean first, MemorySegment tileBuffer) {
        long a0 = aBase;
        long a1 = a0 + aRs;
        long a2 = a1 + aRs;
        long a3 = a2 + aRs;
        FloatVector c00 = FloatVector.zero(F); FloatVector c01 = FloatVector.zero(F);
        FloatVector c02 = FloatVector.zero(F); FloatVector c03 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F); FloatVector c11 = FloatVector.zero(F);
        FloatVector c12 = FloatVector.zero(F); FloatVector c13 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F); FloatVector c21 = FloatVector.zero(F);
        FloatVector c22 = FloatVector.zero(F); FloatVector c23 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F); FloatVector c31 = FloatVector.zero(F);
        FloatVector c32 = FloatVector.zero(F); FloatVector c33 = FloatVector.zero(F);
        for (int p = 0; p < kc; p++) {
            // Offsets as constant multiples of p (not running sums): the form range-check elimination needs.
            long bo = bBase + (long) p * NR_BYTES;
            long ao = (long) p * Float.BYTES;
            FloatVector b0 = FloatVector.fromMemorySegment(F, b, bo, ORDER);
            FloatVector b1 = FloatVector.fromMemorySegment(F, b, bo + VB, ORDER);
            FloatVector b2 = FloatVector.fromMemorySegment(F, b, bo + 2 * VB, ORDER);
            FloatVector b3 = FloatVector.fromMemorySegment(F, b, bo + 3 * VB, ORDER);
            FloatVector x = FloatVector.broadcast(F, a.get(F32, a0 + ao));
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = FloatVector.broadcast(F, a.get(F32, a1 + ao));
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
            x = FloatVector.broadcast(F, a.get(F32, a2 + ao));
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            c23 = x.fma(b3, c23);
            x = FloatVector.broadcast(F, a.get(F32, a3 + ao));
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            c33 = x.fma(b3, c33);
        }
        // Stored as in tile(), which says why.
        boolean direct = mr == MR && nr == NR && first && beta == 0f && alpha == 1f;
        MemorySegment out = direct ? c : tileBuffer;
        long r0 = direct ? cBase : 0;
        long rs = direct ? ldcBytes : NR_BYTES;
        long r1 = r0 + rs;
        long r2 = r1 + rs;
        long r3 = r2 + rs;
        c00.intoMemorySegment(out, r0, ORDER);
        c01.intoMemorySegment(out, r0 + VB, ORDER);
        c02.intoMemorySegment(out, r0 + 2 * VB, ORDER);
        c03.intoMemorySegment(out, r0 + 3 * VB, ORDER);
        c10.intoMemorySegment(out, r1, ORDER);
        c11.intoMemorySegment(out, r1 + VB, ORDER);
        c12.intoMemorySegment(out, r1 + 2 * VB, ORDER);
        c13.intoMemorySegment(out, r1 + 3 * VB, ORDER);
        c20.intoMemorySegment(out, r2, ORDER);
        c21.intoMemorySegment(out, r2 + VB, ORDER);
        c22.intoMemorySegment(out, r2 + 2 * VB, ORDER);
        c23.intoMemorySegment(out, r2 + 3 * VB, ORDER);
        c30.intoMemorySegment(out, r3, ORDER);
        c31.intoMemorySegment(out, r3 + VB, ORDER);
        c32.intoMemorySegment(out, r3 + 2 * VB, ORDER);
        c33.intoMemorySegment(out, r3 + 3 * VB, ORDER);
        if (!direct) {
            update(tileBuffer, c, cBase, ldcBytes, mr, nr, alpha, beta, first);
        }
    }

    /**
     * As {@link #tile} for a ragged sliver of at most {@code NR / 2} columns (the last 21 or 32 columns of a
     * product): MR rows by the first {@code NV / 2} vectors of the sliver, half the multiply-adds
     * of a whole tile. Each lane does the same operations in the same order as in {@link #tile}, so an element's
     * value does not depend on which of the two computed it.
     */
    static void tileHalf(int kc, MemorySegment a, long aBase, long aRs, long aCs,
                         MemorySegment b, long bBase, long bRs,
                         MemorySegment c, long cBase, long ldcBytes, int mr, int nr,
                         float alpha, float beta, boolean first, MemorySegment tileBuffer) {
        long a0 = aBase;
        long a1 = a0 + aRs;
        long a2 = a1 + aRs;
        long a3 = a2 + aRs;
        FloatVector c00 = FloatVector.zero(F); FloatVector c01 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F); FloatVector c11 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F); FloatVector c21 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F); FloatVector c31 = FloatVector.zero(F);
        long bo = bBase;
        long ao = 0;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromMemorySegment(F, b, bo, ORDER);
            FloatVector b1 = FloatVector.fromMemorySegment(F, b, bo + VB, ORDER);
            FloatVector x = FloatVector.broadcast(F, a.get(F32, a0 + ao));
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(F, a.get(F32, a1 + ao));
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(F, a.get(F32, a2 + ao));
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(F, a.get(F32, a3 + ao));
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            bo += bRs;
            ao += aCs;
        }
        c00.intoMemorySegment(tileBuffer, 0, ORDER);
        c01.intoMemorySegment(tileBuffer, VB, ORDER);
        c10.intoMemorySegment(tileBuffer, 4 * VB, ORDER);
        c11.intoMemorySegment(tileBuffer, 5 * VB, ORDER);
        c20.intoMemorySegment(tileBuffer, 8 * VB, ORDER);
        c21.intoMemorySegment(tileBuffer, 9 * VB, ORDER);
        c30.intoMemorySegment(tileBuffer, 12 * VB, ORDER);
        c31.intoMemorySegment(tileBuffer, 13 * VB, ORDER);
        update(tileBuffer, c, cBase, ldcBytes, mr, nr, alpha, beta, first);
    }

    /**
     * As {@link #tile} for a ragged sliver of at most {@code 3 L} columns (the right edge of a 100-column product):
     * MR rows by the first 3 vectors of the sliver. Each lane does the same operations in the same order as in
     * {@link #tile}.
     */
    static void tileThreeQuarter(int kc, MemorySegment a, long aBase, long aRs, long aCs,
                         MemorySegment b, long bBase, long bRs,
                         MemorySegment c, long cBase, long ldcBytes, int mr, int nr,
                         float alpha, float beta, boolean first, MemorySegment tileBuffer) {
        long a0 = aBase;
        long a1 = a0 + aRs;
        long a2 = a1 + aRs;
        long a3 = a2 + aRs;
        FloatVector c00 = FloatVector.zero(F); FloatVector c01 = FloatVector.zero(F); FloatVector c02 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F); FloatVector c11 = FloatVector.zero(F); FloatVector c12 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F); FloatVector c21 = FloatVector.zero(F); FloatVector c22 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F); FloatVector c31 = FloatVector.zero(F); FloatVector c32 = FloatVector.zero(F);
        long bo = bBase;
        long ao = 0;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromMemorySegment(F, b, bo, ORDER);
            FloatVector b1 = FloatVector.fromMemorySegment(F, b, bo + VB, ORDER);
            FloatVector b2 = FloatVector.fromMemorySegment(F, b, bo + 2 * VB, ORDER);
            FloatVector x = FloatVector.broadcast(F, a.get(F32, a0 + ao));
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            x = FloatVector.broadcast(F, a.get(F32, a1 + ao));
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            x = FloatVector.broadcast(F, a.get(F32, a2 + ao));
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            x = FloatVector.broadcast(F, a.get(F32, a3 + ao));
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            bo += bRs;
            ao += aCs;
        }
        c00.intoMemorySegment(tileBuffer, 0, ORDER);
        c01.intoMemorySegment(tileBuffer, VB, ORDER);
        c02.intoMemorySegment(tileBuffer, 2 * VB, ORDER);
        c10.intoMemorySegment(tileBuffer, 4 * VB, ORDER);
        c11.intoMemorySegment(tileBuffer, 5 * VB, ORDER);
        c12.intoMemorySegment(tileBuffer, 6 * VB, ORDER);
        c20.intoMemorySegment(tileBuffer, 8 * VB, ORDER);
        c21.intoMemorySegment(tileBuffer, 9 * VB, ORDER);
        c22.intoMemorySegment(tileBuffer, 10 * VB, ORDER);
        c30.intoMemorySegment(tileBuffer, 12 * VB, ORDER);
        c31.intoMemorySegment(tileBuffer, 13 * VB, ORDER);
        c32.intoMemorySegment(tileBuffer, 14 * VB, ORDER);
        update(tileBuffer, c, cBase, ldcBytes, mr, nr, alpha, beta, first);
    }

    /**
     * As {@link #tile} for a ragged sliver of at most {@code L} columns (one vector: a layer of 10 outputs at 512
     * bits): MR rows by the first vector of the sliver, a quarter of a whole tile's multiply-adds. {@link #tileHalf}
     * did twice the work there, 22 of its 32 lanes wasted on 10 columns. Each lane does the same operations in the
     * same order as in {@link #tile}, so an element's value does not depend on which kernel computed it.
     */
    static void tileQuarter(int kc, MemorySegment a, long aBase, long aRs, long aCs,
                            MemorySegment b, long bBase, long bRs,
                            MemorySegment c, long cBase, long ldcBytes, int mr, int nr,
                            float alpha, float beta, boolean first, MemorySegment tileBuffer) {
        long a0 = aBase;
        long a1 = a0 + aRs;
        long a2 = a1 + aRs;
        long a3 = a2 + aRs;
        FloatVector c0 = FloatVector.zero(F);
        FloatVector c1 = FloatVector.zero(F);
        FloatVector c2 = FloatVector.zero(F);
        FloatVector c3 = FloatVector.zero(F);
        long bo = bBase;
        long ao = 0;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromMemorySegment(F, b, bo, ORDER);
            c0 = FloatVector.broadcast(F, a.get(F32, a0 + ao)).fma(b0, c0);
            c1 = FloatVector.broadcast(F, a.get(F32, a1 + ao)).fma(b0, c1);
            c2 = FloatVector.broadcast(F, a.get(F32, a2 + ao)).fma(b0, c2);
            c3 = FloatVector.broadcast(F, a.get(F32, a3 + ao)).fma(b0, c3);
            bo += bRs;
            ao += aCs;
        }
        c0.intoMemorySegment(tileBuffer, 0, ORDER);
        c1.intoMemorySegment(tileBuffer, NR_BYTES, ORDER);
        c2.intoMemorySegment(tileBuffer, 2 * NR_BYTES, ORDER);
        c3.intoMemorySegment(tileBuffer, 3 * NR_BYTES, ORDER);
        update(tileBuffer, c, cBase, ldcBytes, mr, nr, alpha, beta, first);
    }

    /**
     * How many columns of a packed sliver the kernel for {@code nr} columns reads: {@link #tileQuarter}'s one
     * vector, {@link #tileHalf}'s two, {@link #tileThreeQuarter}'s three, or the whole sliver. The one place that
     * decides: SimdSgemm picks the kernel by this width, and packing pads a ragged sliver with zeros to it.
     */
    static int readWidth(int nr) {
        return nr <= L ? L : nr <= 2 * L ? 2 * L : nr <= 3 * L ? 3 * L : NR;
    }

    /**
     * As {@link #tile}, reading B where it lies (row p at {@code bBase + p * bRs}) and also copying each row it
     * reads into a packed sliver ({@code NR} elements per p from {@code packBase}), for the tiles after it. The
     * copy's loads and stores ride along with the first tile's FMAs instead of taking a pass of their own: with a
     * B panel read once or a few times (a batch of 128 rows times a layer's weights), that pass cost about a tenth
     * of the product. A copy of {@link #tile}'s loop rather than a flag in it: a branch in the loop would cost every
     * other tile, and two loops in one method make it too big for C1 (see SgemmPacking's transposes).
     */
    static void tileAndPackB(int kc, MemorySegment a, long aBase, long aRs, long aCs,
                             MemorySegment b, long bBase, long bRs,
                     MemorySegment pack, long packBase,
                             MemorySegment c, long cBase, long ldcBytes, int mr, int nr,
                             float alpha, float beta, boolean first, MemorySegment tileBuffer) {
        long a0 = aBase;
        long a1 = a0 + aRs;
        long a2 = a1 + aRs;
        long a3 = a2 + aRs;
        FloatVector c00 = FloatVector.zero(F); FloatVector c01 = FloatVector.zero(F);
        FloatVector c02 = FloatVector.zero(F); FloatVector c03 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F); FloatVector c11 = FloatVector.zero(F);
        FloatVector c12 = FloatVector.zero(F); FloatVector c13 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F); FloatVector c21 = FloatVector.zero(F);
        FloatVector c22 = FloatVector.zero(F); FloatVector c23 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F); FloatVector c31 = FloatVector.zero(F);
        FloatVector c32 = FloatVector.zero(F); FloatVector c33 = FloatVector.zero(F);
        long bo = bBase;
        long po = packBase;
        long ao = 0;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromMemorySegment(F, b, bo, ORDER);
            FloatVector b1 = FloatVector.fromMemorySegment(F, b, bo + VB, ORDER);
            FloatVector b2 = FloatVector.fromMemorySegment(F, b, bo + 2 * VB, ORDER);
            FloatVector b3 = FloatVector.fromMemorySegment(F, b, bo + 3 * VB, ORDER);
            b0.intoMemorySegment(pack, po, ORDER);
            b1.intoMemorySegment(pack, po + VB, ORDER);
            b2.intoMemorySegment(pack, po + 2 * VB, ORDER);
            b3.intoMemorySegment(pack, po + 3 * VB, ORDER);
            po += NR_BYTES;
            FloatVector x = FloatVector.broadcast(F, a.get(F32, a0 + ao));
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = FloatVector.broadcast(F, a.get(F32, a1 + ao));
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
            x = FloatVector.broadcast(F, a.get(F32, a2 + ao));
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            c23 = x.fma(b3, c23);
            x = FloatVector.broadcast(F, a.get(F32, a3 + ao));
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            c33 = x.fma(b3, c33);
            bo += bRs;
            ao += aCs;
        }
        // A whole tile that overwrites C with alpha 1 (every product of a training step) is stored into C itself;
        // any other is parked in the tile buffer (it stays in L1) for update(), which applies alpha and beta and
        // writes ragged edges. Passing the vectors to a method instead would box them (a vector that escapes is a
        // heap object), and writing every case out here makes the method too big for C1, which then hands it to
        // C2 late. The direct store gives the same bits: update() would multiply by alpha = 1.
        boolean direct = mr == MR && nr == NR && first && beta == 0f && alpha == 1f;
        MemorySegment out = direct ? c : tileBuffer;
        long r0 = direct ? cBase : 0;
        long rs = direct ? ldcBytes : NR_BYTES;
        long r1 = r0 + rs;
        long r2 = r1 + rs;
        long r3 = r2 + rs;
        c00.intoMemorySegment(out, r0, ORDER);
        c01.intoMemorySegment(out, r0 + VB, ORDER);
        c02.intoMemorySegment(out, r0 + 2 * VB, ORDER);
        c03.intoMemorySegment(out, r0 + 3 * VB, ORDER);
        c10.intoMemorySegment(out, r1, ORDER);
        c11.intoMemorySegment(out, r1 + VB, ORDER);
        c12.intoMemorySegment(out, r1 + 2 * VB, ORDER);
        c13.intoMemorySegment(out, r1 + 3 * VB, ORDER);
        c20.intoMemorySegment(out, r2, ORDER);
        c21.intoMemorySegment(out, r2 + VB, ORDER);
        c22.intoMemorySegment(out, r2 + 2 * VB, ORDER);
        c23.intoMemorySegment(out, r2 + 3 * VB, ORDER);
        c30.intoMemorySegment(out, r3, ORDER);
        c31.intoMemorySegment(out, r3 + VB, ORDER);
        c32.intoMemorySegment(out, r3 + 2 * VB, ORDER);
        c33.intoMemorySegment(out, r3 + 3 * VB, ORDER);
        if (!direct) {
            update(tileBuffer, c, cBase, ldcBytes, mr, nr, alpha, beta, first);
        }
    }

    /**
     * C := alpha acc (first k block, beta 0: C is not read), else C := fma(acc, alpha, b C) with b = beta on the
     * first block and 1 afterwards, for the top-left mr x nr of the tile. A ragged tile (nr < NR) is written
     * by whole vectors as far as they go, then element by element, with the same arithmetic (Math.fma rounds as a vector lane does), so an element's value
     * never depends on which tile it fell in (or on the thread count). Masked vector accesses would do the same,
     * but near the end of a segment they take a fallback path that C2 kept deoptimizing and recompiling (about 15
     * times in a 2-thread training run, on a machine with two cores for both the training and the compiler).
     */
    private static void update(MemorySegment tileBuffer, MemorySegment c, long cBase, long ldcBytes, int mr, int nr,
                               float alpha, float beta, boolean first) {
        boolean readC = !first || beta != 0f;
        float b = first ? beta : 1f;
        FloatVector va = FloatVector.broadcast(F, alpha);
        FloatVector vb = FloatVector.broadcast(F, b);
        // A whole tile loops to the constant NV, which C2 unrolls; the ragged loop below, bounded by nr / L, would
        // do the same work but measured slower: the update was 3.8% of a 128^3 product's time instead of 1.4%
        // (async-profiler, 2026-11-26).
        if (nr == NR) {
            for (int r = 0; r < mr; r++) {
                for (int v = 0; v < NV; v++) {
                    long t = (long) (r * NV + v) * VB;
                    long o = cBase + r * ldcBytes + v * VB;
                    FloatVector x = FloatVector.fromMemorySegment(F, tileBuffer, t, ORDER);
                    x = readC ? x.fma(va, FloatVector.fromMemorySegment(F, c, o, ORDER).mul(vb)) : x.mul(va);
                    x.intoMemorySegment(c, o, ORDER);
                }
            }
            return;
        }
        // A ragged tile: its whole vectors as vectors, the rest element by element.
        int vectors = nr / L;
        for (int r = 0; r < mr; r++) {
            for (int v = 0; v < vectors; v++) {
                long t = (long) (r * NV + v) * VB;
                long o = cBase + r * ldcBytes + v * VB;
                FloatVector x = FloatVector.fromMemorySegment(F, tileBuffer, t, ORDER);
                x = readC ? x.fma(va, FloatVector.fromMemorySegment(F, c, o, ORDER).mul(vb)) : x.mul(va);
                x.intoMemorySegment(c, o, ORDER);
            }
        }
        for (int r = 0; r < mr; r++) {
            for (int j = vectors * L; j < nr; j++) {
                float x = tileBuffer.get(F32, (long) (r * NR + j) * Float.BYTES);
                long o = cBase + r * ldcBytes + (long) j * Float.BYTES;
                c.set(F32, o, readC ? Math.fma(x, alpha, c.get(F32, o) * b) : x * alpha);
            }
        }
    }
}
