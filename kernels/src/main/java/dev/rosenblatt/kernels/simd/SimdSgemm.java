package dev.rosenblatt.kernels.simd;

import dev.rosenblatt.kernels.GemmEpilogue;
import dev.rosenblatt.kernels.PartTask;
import dev.rosenblatt.kernels.Transpose;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.rosenblatt.kernels.simd.SgemmMicroKernel.L;
import static dev.rosenblatt.kernels.simd.SgemmMicroKernel.MR;
import static dev.rosenblatt.kernels.simd.SgemmMicroKernel.NR;

/**
 * float32 GEMM the BLIS way: loops over n by NC, k by KC and m by MC around packed panels, then over NR and MR
 * around {@link SgemmMicroKernel}, which reads a KC x NR sliver of B and MR rows of the MC x KC block of A, all from
 * L2. Small products whose B needs no transposing skip packing altogether and read the caller's matrices.
 *
 * <p>Threads split C into blocks of whole columns (or rows) and never split k, so every element of C is computed
 * by the same sequence of operations whatever the thread count: results are bitwise identical on 1 and N threads.
 *
 * <p>Source of its float64 twin, generated at build time by kernels/pom.xml.
 */
final class SimdSgemm {

    /**
     * Depth of a packed block. Deep blocks mean few passes over C, whose tiles are read and written once per block
     * and miss the caches at large sizes: a micro-kernel loop on panels in L2 measured 113 GFLOP/s with a C tile in
     * cache and 103 with a cold one. Against 512 (2026-11-26, single precision, 1 thread, same session): n = 1024
     * 95-96 -> 99-103, n = 2048 92-94 -> 100-102, 2 threads at n = 1024 193-196 -> 203-205; in double precision n =
     * 1024 44-45 -> 49; shapes with k <= 512 unchanged. The sliver of B (KC x NR, 512 KiB at 512 bits) then lives
     * in L2, not L1, which cost nothing measurable.
     */
    static final int KC = 2048;
    /** Rows of A per block (a multiple of MR); 64 measured the same. */
    static final int MC = 128 / MR * MR;
    /** A packed panel of B (KC x NC) is 8 MiB: 1024 columns in single precision, 512 in double (a multiple of NR). */
    static final int NC = (int) ((8L << 20) / ((long) KC * Float.BYTES)) / NR * NR;
    /**
     * An untransposed B panel of at most this many bytes (about an L2) is packed by the first row tile that reads
     * each sliver ({@link SgemmMicroKernel#tileAndPackB}); larger ones get a packing pass of their own, which reads
     * B in address order. Measured 2026-11-26 (1 thread, the same JVM alternating): 128x256x784 ran at 104.2
     * GFLOP/s with a packing pass and 107.6 packed in the tile (2 threads: 205 and 214.5), 128x128x256 103.8 and
     * 106.3; but 128x1024x1024, whose 4 MiB panel comes from rows 4 KiB apart, ran at 85.3 packed in the tile and
     * 93.7 with the pass.
     */
    static final long PACK_IN_TILE_BYTES = 1L << 20;
    /**
     * A transposed A (the dW = X^T dZ product of every layer) is read where it lies, its MR rows being MR
     * consecutive elements of each row of the stored A, when a panel of B has at most this many columns (four
     * slivers at 512 bits, each re-reading A); wider panels pack it. Measured 2026-11-26, single precision, 1 thread,
     * the two ways alternated twice: 784x256x128 TN 104.6, 105.6 GFLOP/s packed against 108.9, 107.8 in place;
     * 1024x256x128 95.2, 95.6 against 103.7, 107.7; but 512^3 105.2, 99.3 against 98.7, 98.7 and 784x1024x128 103.8,
     * 97.6 against 96.3, 94.8. The same number of columns in double precision (eight slivers there): 1024x256x128 TN
     * 51.8, 52.7 packed against 55.4, 55.6 in place, 784x256x128 TN alike (54.3-55.2 and 53.8-55.2).
     */
    static final int TRANSPOSED_A_IN_PLACE_COLUMNS = NR * Float.BYTES;
    /**
     * Products of at most this many rows with an untransposed B take {@link SgemmRowKernel}. Measured 2026-11-26,
     * 1 thread, against the tiled path (old and new builds alternated): 1x256x784 18.2 -> 48.5-50.5 GFLOP/s,
     * 1x1024x1024 9.9 -> 29, 2x256x784 36 -> 48, 2x128x256 36.5 -> 51; but 3x256x784 52-53 -> 48-49, since each
     * row reads all of B. At 256 and 128 bits only one row gains (1x256x784 20.4-21.6 -> 31.6-36.3 and 12.1-12.6 ->
     * 18.3-19.0), and two rows lose (2x128x256 46.5 -> 43.5, 25.1 -> 23.0-23.1).
     */
    static final int ROW_KERNEL_ROWS = SimdSpecies.BITS >= 512 ? 2 : 1;
    /**
     * A part of at most this many rows of C (one block of A, MC) reads the whole slivers of an untransposed B where
     * they lie instead of packing them: too few row tiles re-read a sliver to pay for copying it. Measured
     * 2026-11-26, 1 thread, against packing: 16x1024x1024 78.5 -> 110.9 GFLOP/s, 64x1024x1024 100 -> 107-109,
     * 32x256x784 107.5 -> 115.7; then 128 rows against 64 (a system property, since removed, the same build):
     * 128x256x784 113.2-114.3 -> 116.0-116.6, 96x256x256 113.0-113.4 -> 116.6-116.8, 100^3 and 128x1024x1024 the
     * same; 2 threads 128x1024x1024 199-212 -> 217-221; the 1-thread training step the same (97.4-98.6k). At 256
     * bits, where a sliver's row is two cache lines instead of four, 64 rows lost (64x1024x1024 94.1-95.6 ->
     * 70.0-74.8; 128 bits 46.9-49.8 -> 37.8-45.8) but up to 32 gained: at 256 bits 2x128x256 28.5 -> 46.4,
     * 8x256x784 68.8 -> 93.6, 32x256x784 95.3 -> 99.2; at 128 bits 8x256x784 23.5 -> 53.0, 16x1024x1024 40.7 ->
     * 47.7, 32x256x784 49.6 -> 53.3.
     */
    static final int B_IN_PLACE_ROWS = SimdSpecies.BITS >= 512 ? 128 : 32;
    /**
     * Blocks at least this deep take {@link SgemmMicroKernel#tilePackedB} where it applies. Its loop is entered
     * through range computations and a pre-loop, a fixed cost per tile that a short k loop does not earn back on a
     * core with one FMA unit. Measured 2026-11-26 on the development machine (JMH, 1 thread, two forks each, the
     * kernels jar before and after tilePackedB alternated, tilePackedB at every depth): 128x784x256 NT 99.5, 97.4 ->
     * 98.3, 95.5 GFLOP/s and the 784-256-128-10 training step 100.5k, 101.2k -> 99.2k, 98.5k samples/s (its NT
     * products have k = 128 and 256), but 512^3 NT 98.0, 101.1 -> 102.0, 107.7 and 1024^3 102.8, 110.0 -> 103.1,
     * 110.6.
     */
    static final int PACKED_B_KERNEL_MIN_K = 512;
    /** At or below this many multiply-adds (m n k) with an untransposed B, packing costs more than it saves. */
    static final long SMALL_MNK = 48L * 48 * 48;
    /**
     * A thread gets at least this many multiply-adds (384K, in {@link #threadWork}'s count), so a product is split
     * from 768K on. Measured on 2 cores with the workers spinning between back-to-back calls: 96^3 (885K) ran 1.45x
     * faster on 2 threads, 128^3 2.0x, 64^3 gained little. But in training, where a worker often parks between
     * products, splitting the 512K products of a 64-unit layer at batch 128 (128x64x64, its 10-output cousin
     * 128x10x128) cost more than it gained. Measured 2026-11-26 with the threshold 256K (64^3) against this one
     * (alternated, same build, median samples/s of the last 100 of 200 epochs of {@code train --threads 2}): the
     * default 2-64-64-64-2 net 899k, 730k, 880k -> 1062k, 1070k, 927k (1 thread: 1115k, 1113k); 2-128-128-128-2
     * 343k, 345k, 361k -> 366k, 341k, 352k; the 784-256-128-10 step on 2 threads (JMH, one fork each) 139.9k,
     * 140.7k -> 141.0k, 158.8k.
     */
    static final long MNK_PER_THREAD = 6L << 16;

    /**
     * The work that sets a product's thread count, in whole-tile multiply-adds: n counts as if rounded up to two
     * vectors, since a sliver of one or two vectors runs at about half a whole tile's rate (the 10-output layer's
     * 128x10x128 at 35 GFLOP/s against 112 for 64^3, which has 1.6 times its multiply-adds). Measured 2026-11-26,
     * 2 threads against 1: 128x10x128 35.6 -> 64.4 and 35.5 -> 51.3 GFLOP/s, its TN 34.8 -> 44.6 and 26.0 -> 43.2
     * (both on one thread before, by their plain count of multiply-adds).
     */
    static long threadWork(int m, int n, int k) {
        long twoVectors = 2L * L;
        return (long) m * ((n + twoVectors - 1) / twoVectors * twoVectors) * k;
    }

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private final GemmContextPool<Context> contexts = new GemmContextPool<>(Context::new);

    void sgemm(Transpose transA, Transpose transB, int m, int n, int k,
               float alpha, MemorySegment a, long aOff, long lda,
               MemorySegment b, long bOff, long ldb,
               float beta, MemorySegment c, long cOff, long ldc, int threads, GemmEpilogue epilogue) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            scale(m, n, beta, c, cOff, ldc);
            applyToAll(epilogue, m, n);
            return;
        }
        if (m <= ROW_KERNEL_ROWS && transB == Transpose.N) {
            // One or two rows: B read where it lies, once a row (see SgemmRowKernel), on this thread.
            long aRs = (transA == Transpose.N ? lda : 1) * Float.BYTES;
            long aCs = (transA == Transpose.N ? 1 : lda) * Float.BYTES;
            SgemmRowKernel.rows(m, n, k, alpha, a, aOff * Float.BYTES, aRs, aCs, b, bOff * Float.BYTES,
                    ldb * Float.BYTES, beta, c, cOff * Float.BYTES, ldc * Float.BYTES);
            applyToAll(epilogue, m, n);
            return;
        }
        long mnk = (long) m * n * k;
        boolean small = mnk <= SMALL_MNK && transB == Transpose.N && k <= KC;
        int parts = small ? 1 : (int) Math.max(1, Math.min(threads, threadWork(m, n, k) / MNK_PER_THREAD));
        Context context = contexts.acquire(parts, Context::capacity);
        try {
            if (small) {
                context.direct(transA, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
                applyToAll(epilogue, m, n);
            } else {
                context.run(parts, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                        epilogue);
            }
        } finally {
            if (!contexts.release(context)) {
                context.workers.shutdown();
            }
        }
    }

    /**
     * Runs {@code task}'s parts on the team of one of this GEMM's contexts, part 0 on this thread: work between
     * products (an optimizer step, say) gets the threads that are still polling after the last product, instead of
     * starting a second set of polling threads on the same cores.
     */
    void runParts(int parts, PartTask task) {
        if (parts == 1) {
            task.run(0);
            return;
        }
        Context context = contexts.acquire(parts, Context::capacity);
        try {
            context.workers.invoke(task, parts);
        } finally {
            if (!contexts.release(context)) {
                context.workers.shutdown();
            }
        }
    }

    /** The epilogue, if any, on the whole of C: for the paths that compute C on the calling thread alone. */
    private static void applyToAll(GemmEpilogue epilogue, int m, int n) {
        if (epilogue != null) {
            epilogue.apply(0, m, 0, n);
        }
    }

    /** C := beta * C, without reading C when beta is 0 (BLAS's quick return for alpha = 0 or k = 0). */
    private static void scale(int m, int n, float beta, MemorySegment c, long cOff, long ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                long at = cOff + (long) i * ldc + j;
                c.setAtIndex(F32, at, beta == 0f ? 0f : beta * c.getAtIndex(F32, at));
            }
        }
    }

    /** Packing scratch for each thread and the worker team: reused by every call that holds this context. */
    static final class Context implements PartTask {
        private final Arena arena = Arena.ofAuto();
        private final GemmWorkers workers;
        private final MemorySegment[] packA;
        private final MemorySegment[] packB;
        /** Per part: the micro-kernel's tile buffer. */
        private final MemorySegment[] tileBuffers;
        private final int[] rowFrom;
        private final int[] rowTo;
        private final int[] colFrom;
        private final int[] colTo;

        // The problem being run; set before the workers are woken (a volatile write publishes it).
        private Transpose transA;
        private Transpose transB;
        private int k;
        private float alpha;
        private float beta;
        private MemorySegment a;
        private MemorySegment b;
        private MemorySegment c;
        private long aOff;
        private long lda;
        private long bOff;
        private long ldb;
        private long cOff;
        private long ldc;
        private GemmEpilogue epilogue;

        Context(int threads) {
            int parts = Math.max(threads, Runtime.getRuntime().availableProcessors());
            workers = new GemmWorkers(parts);
            packA = new MemorySegment[parts];
            packB = new MemorySegment[parts];
            tileBuffers = new MemorySegment[parts];
            for (int p = 0; p < parts; p++) {
                tileBuffers[p] = arena.allocate((long) MR * NR * Float.BYTES, 64);
            }
            rowFrom = new int[parts];
            rowTo = new int[parts];
            colFrom = new int[parts];
            colTo = new int[parts];
        }

        int capacity() {
            return workers.maxParts();
        }

        void run(int parts, Transpose transA, Transpose transB, int m, int n, int k,
                 float alpha, MemorySegment a, long aOff, long lda,
                 MemorySegment b, long bOff, long ldb,
                 float beta, MemorySegment c, long cOff, long ldc, GemmEpilogue epilogue) {
            if (parts > 1 && !(workers.canAccess(a) && workers.canAccess(b) && workers.canAccess(c))) {
                parts = 1;
            }
            if (parts == 1) {
                compute(0, transA, transB, 0, m, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
                applyToAll(epilogue, m, n);
                return;
            }
            // Split the longer side of C in whole tiles; each part packs its own panels.
            boolean splitColumns = n >= m;
            int tile = splitColumns ? NR : MR;
            int extent = splitColumns ? n : m;
            int tiles = (extent + tile - 1) / tile;
            parts = Math.min(parts, tiles);
            for (int t = 0; t < parts; t++) {
                int from = Math.min(extent, (int) ((long) tiles * t / parts) * tile);
                int to = Math.min(extent, (int) ((long) tiles * (t + 1) / parts) * tile);
                rowFrom[t] = splitColumns ? 0 : from;
                rowTo[t] = splitColumns ? m : to;
                colFrom[t] = splitColumns ? from : 0;
                colTo[t] = splitColumns ? to : n;
            }
            this.transA = transA;
            this.transB = transB;
            this.k = k;
            this.alpha = alpha;
            this.beta = beta;
            this.a = a;
            this.aOff = aOff;
            this.lda = lda;
            this.b = b;
            this.bOff = bOff;
            this.ldb = ldb;
            this.c = c;
            this.cOff = cOff;
            this.ldc = ldc;
            this.epilogue = epilogue;
            try {
                workers.invoke(this, parts);
            } finally {
                this.a = null;
                this.b = null;
                this.c = null;
                this.epilogue = null;
            }
        }

        /**
         * No packing: the micro-kernel reads A and B where they lie. Only whole tiles can be read in place (the
         * kernel reads all MR rows and NR columns), so the ragged right and bottom strips take the packed path.
         */
        void direct(Transpose transA, int m, int n, int k,
                    float alpha, MemorySegment a, long aOff, long lda,
                    MemorySegment b, long bOff, long ldb,
                    float beta, MemorySegment c, long cOff, long ldc) {
            int mFull = m - m % MR;
            int nFull = n - n % NR;
            long aRs = (transA == Transpose.N ? lda : 1) * Float.BYTES;
            long aCs = (transA == Transpose.N ? 1 : lda) * Float.BYTES;
            long ldcBytes = ldc * Float.BYTES;
            for (int j = 0; j < nFull; j += NR) {
                for (int i = 0; i < mFull; i += MR) {
                    SgemmMicroKernel.tile(k, a, aOff * Float.BYTES + i * aRs, aRs, aCs,
                            b, (bOff + j) * Float.BYTES, ldb * Float.BYTES,
                            c, (cOff + (long) i * ldc + j) * Float.BYTES, ldcBytes, MR, NR, alpha, beta, true,
                            tileBuffers[0]);
                }
            }
            if (nFull < n) { // the right strip, all rows
                compute(0, transA, Transpose.N, 0, m, nFull, n, k, alpha, a, aOff, lda, b, bOff, ldb,
                        beta, c, cOff, ldc);
            }
            if (mFull < m && nFull > 0) { // the bottom strip, the columns not done above
                compute(0, transA, Transpose.N, mFull, m, 0, nFull, k, alpha, a, aOff, lda, b, bOff, ldb,
                        beta, c, cOff, ldc);
            }
        }

        @Override
        public void run(int part) {
            compute(part, transA, transB, rowFrom[part], rowTo[part], colFrom[part], colTo[part], k, alpha,
                    a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            if (epilogue != null && rowFrom[part] < rowTo[part] && colFrom[part] < colTo[part]) {
                epilogue.apply(rowFrom[part], rowTo[part], colFrom[part], colTo[part]);
            }
        }

        /**
         * C[i0..i1, j0..j1) of the whole product, with this part's scratch. An untransposed A is read where it
         * lies (its rows are MR streams along k, which measured faster than packing them); only a ragged last
         * sliver of rows is packed, padded with zeros. A transposed A is read in place too (MR consecutive elements
         * of one stored row per step of k) when the panel of B is narrow, and packed when many slivers would re-read
         * it ({@link SimdSgemm#TRANSPOSED_A_IN_PLACE_COLUMNS}).
         */
        void compute(int part, Transpose transA, Transpose transB, int i0, int i1, int j0, int j1, int k,
                     float alpha, MemorySegment a, long aOff, long lda,
                     MemorySegment b, long bOff, long ldb,
                     float beta, MemorySegment c, long cOff, long ldc) {
            MemorySegment ap = scratchA(part);
            MemorySegment bp = scratchB(part);
            MemorySegment tileBuffer = tileBuffers[part];
            long ldcBytes = ldc * Float.BYTES;
            boolean transposedA = transA == Transpose.T;
            for (int jc = j0; jc < j1; jc += NC) {
                int nc = Math.min(NC, j1 - jc);
                // A transposed A is read in place when few slivers of B re-read it, else packed (see
                // TRANSPOSED_A_IN_PLACE_COLUMNS).
                boolean packA = transposedA && nc > TRANSPOSED_A_IN_PLACE_COLUMNS;
                for (int pc = 0; pc < k; pc += KC) {
                    int kc = Math.min(KC, k - pc);
                    boolean first = pc == 0;
                    // Few rows: whole slivers of B are read where they lie (see B_IN_PLACE_ROWS).
                    boolean bInPlace = transB == Transpose.N && i1 - i0 <= B_IN_PLACE_ROWS;
                    boolean packInTile = !bInPlace && transB == Transpose.N
                            && (long) kc * nc * Float.BYTES <= PACK_IN_TILE_BYTES;
                    if (!packInTile && !bInPlace) {
                        SgemmPacking.packB(transB, b, bOff, ldb, pc, kc, jc, nc, bp);
                    }
                    for (int ic = i0; ic < i1; ic += MC) {
                        int mc = Math.min(MC, i1 - ic);
                        int mFull = packA ? mc : mc - mc % MR;
                        if (packA) {
                            SgemmPacking.packA(transA, a, aOff, lda, ic, mc, pc, kc, ap);
                        } else if (mFull < mc) {
                            SgemmPacking.packA(transA, a, aOff, lda, ic + mFull, mc - mFull, pc, kc, ap);
                        }
                        for (int jr = 0; jr < nc; jr += NR) {
                            int nr = Math.min(NR, nc - jr);
                            long bSliver = (long) (jr / NR) * kc * NR * Float.BYTES;
                            long cTile = (cOff + (long) ic * ldc + jc + jr) * Float.BYTES;
                            // With packing in the tile, the first row tile reads this sliver of B where it lies
                            // and packs it; a ragged sliver is packed here first instead.
                            boolean packSliver = packInTile && ic == i0;
                            if ((packSliver || bInPlace && ic == i0) && nr < NR) {
                                SgemmPacking.packRaggedSliver(b, bOff, ldb, pc, kc, jc + jr, nr, bp, bSliver);
                                packSliver = false;
                            }
                            // The kernel that reads as many vectors as the sliver has (packing pads to the same).
                            int width = SgemmMicroKernel.readWidth(nr);
                            boolean sliverInPlace = bInPlace && nr == NR;
                            MemorySegment bSrc = sliverInPlace ? b : bp;
                            long bBase = sliverInPlace ? (bOff + (long) pc * ldb + jc + jr) * Float.BYTES : bSliver;
                            long bRs = (sliverInPlace ? ldb : NR) * Float.BYTES;
                            for (int ir = 0; ir < mc; ir += MR) {
                                int mr = Math.min(MR, mc - ir);
                                // A where it lies, or its packed sliver (a transposed A, or the ragged last rows).
                                boolean inPlace = ir < mFull && !packA;
                                MemorySegment aSrc = inPlace ? a : ap;
                                long aBase = !inPlace ? (packA ? (long) (ir / MR) * kc * MR * Float.BYTES : 0)
                                        : transposedA ? (aOff + (long) pc * lda + ic + ir) * Float.BYTES
                                        : (aOff + (long) (ic + ir) * lda + pc) * Float.BYTES;
                                long aRs = inPlace && !transposedA ? lda * Float.BYTES : Float.BYTES;
                                long aCs = !inPlace ? (long) MR * Float.BYTES
                                        : transposedA ? lda * Float.BYTES : Float.BYTES;
                                long cRows = cTile + ir * ldcBytes;
                                if (packSliver && ir == 0) {
                                    SgemmMicroKernel.tileAndPackB(kc, aSrc, aBase, aRs, aCs,
                                            b, (bOff + (long) pc * ldb + jc + jr) * Float.BYTES, ldb * Float.BYTES,
                                            bp, bSliver, c, cRows, ldcBytes, mr, nr, alpha, beta, first, tileBuffer);
                                } else if (width == L) {
                                    SgemmMicroKernel.tileQuarter(kc, aSrc, aBase, aRs, aCs, bSrc, bBase, bRs,
                                            c, cRows, ldcBytes, mr, nr, alpha, beta, first, tileBuffer);
                                } else if (width == 2 * L) {
                                    SgemmMicroKernel.tileHalf(kc, aSrc, aBase, aRs, aCs, bSrc, bBase, bRs,
                                            c, cRows, ldcBytes, mr, nr, alpha, beta, first, tileBuffer);
                                } else if (width == 3 * L) {
                                    SgemmMicroKernel.tileThreeQuarter(kc, aSrc, aBase, aRs, aCs, bSrc, bBase, bRs,
                                            c, cRows, ldcBytes, mr, nr, alpha, beta, first, tileBuffer);
                                } else if (kc >= PACKED_B_KERNEL_MIN_K && aCs == Float.BYTES
                                        && bRs == (long) NR * Float.BYTES) {
                                    // A along its rows, B packed, a deep block: the kernel without bounds checks
                                    // in its loop (see tilePackedB and PACKED_B_KERNEL_MIN_K).
                                    SgemmMicroKernel.tilePackedB(kc, aSrc, aBase, aRs, bSrc, bBase,
                                            c, cRows, ldcBytes, mr, nr, alpha, beta, first, tileBuffer);
                                } else {
                                    SgemmMicroKernel.tile(kc, aSrc, aBase, aRs, aCs, bSrc, bBase, bRs,
                                            c, cRows, ldcBytes, mr, nr, alpha, beta, first, tileBuffer);
                                }
                            }
                        }
                    }
                }
            }
        }

        private MemorySegment scratchA(int part) {
            MemorySegment s = packA[part];
            if (s == null) {
                s = arena.allocate((long) MC * KC * Float.BYTES, 64);
                packA[part] = s;
            }
            return s;
        }

        private MemorySegment scratchB(int part) {
            MemorySegment s = packB[part];
            if (s == null) {
                s = arena.allocate((long) KC * NC * Float.BYTES, 64);
                packB[part] = s;
            }
            return s;
        }
    }
}
