package dev.rosenblatt.bench.peers;

import dev.rosenblatt.kernels.Transpose;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Optional;

/**
 * OpenBLAS's {@code cblas_sgemm} and {@code cblas_dgemm} called through the FFM API on the caller's own off-heap
 * segments: no copy, the same memory our kernels read. Optional: {@link #isAvailable()} is false (and
 * {@link #unavailableReason()} says why in one line) when no libopenblas can be loaded, e.g. without the Debian
 * package libopenblas0-pthread. Its thread count and kernel come from the environment (OPENBLAS_NUM_THREADS,
 * OPENBLAS_CORETYPE), read once when the library loads.
 */
public final class OpenBlas {

    /** CBLAS enum values (cblas.h). */
    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;

    /** Where Debian puts the library (the alternatives link first, then the pthread build itself). */
    private static final List<String> CANDIDATES = List.of("libopenblas.so.0",
            "/usr/lib/x86_64-linux-gnu/libopenblas.so.0",
            "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0");

    private OpenBlas() {
    }

    /** Loaded once, lazily; the library stays mapped for the life of the JVM (global arena). */
    private static final class Holder {
        static final MethodHandle SGEMM;
        static final MethodHandle DGEMM;
        static final String REASON;
        static final String LIBRARY;

        static {
            MethodHandle s = null;
            MethodHandle d = null;
            String reason = null;
            String library = null;
            SymbolLookup lookup = null;
            StringBuilder tried = new StringBuilder();
            for (String name : CANDIDATES) {
                try {
                    lookup = SymbolLookup.libraryLookup(name, Arena.global());
                    library = name;
                    break;
                } catch (IllegalArgumentException | UnsupportedOperationException | IllegalCallerException e) {
                    tried.append(tried.isEmpty() ? "" : ", ").append(name);
                }
            }
            if (lookup == null) {
                reason = "OpenBLAS not found (tried " + tried + "); install libopenblas0-pthread to compare with it";
            } else {
                Linker linker = Linker.nativeLinker();
                ValueLayout i = ValueLayout.JAVA_INT;
                ValueLayout p = ValueLayout.ADDRESS;
                Optional<MemorySegment> sAddr = lookup.find("cblas_sgemm");
                Optional<MemorySegment> dAddr = lookup.find("cblas_dgemm");
                if (sAddr.isEmpty() || dAddr.isEmpty()) {
                    reason = library + " has no cblas_sgemm / cblas_dgemm";
                } else {
                    // void cblas_?gemm(order, transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc)
                    s = linker.downcallHandle(sAddr.get(), FunctionDescriptor.ofVoid(i, i, i, i, i, i,
                            ValueLayout.JAVA_FLOAT, p, i, p, i, ValueLayout.JAVA_FLOAT, p, i));
                    d = linker.downcallHandle(dAddr.get(), FunctionDescriptor.ofVoid(i, i, i, i, i, i,
                            ValueLayout.JAVA_DOUBLE, p, i, p, i, ValueLayout.JAVA_DOUBLE, p, i));
                }
            }
            SGEMM = s;
            DGEMM = d;
            REASON = reason;
            LIBRARY = library;
        }
    }

    /** Whether cblas_sgemm and cblas_dgemm were found. */
    public static boolean isAvailable() {
        return Holder.SGEMM != null;
    }

    /** One line saying why OpenBLAS is unavailable, or empty when it is available. */
    public static Optional<String> unavailableReason() {
        return Optional.ofNullable(Holder.REASON);
    }

    /** The library name or path that loaded, or empty. */
    public static Optional<String> library() {
        return Optional.ofNullable(Holder.LIBRARY);
    }

    /**
     * Row-major C := alpha op(A) op(B) + beta C on float32 segments, with byte offsets and leading dimensions in
     * elements, as {@code Kernels.sgemm} takes them. The segments must be native (off-heap).
     */
    public static void sgemm(Transpose transA, Transpose transB, int m, int n, int k, float alpha,
                             MemorySegment a, long aOff, long lda, MemorySegment b, long bOff, long ldb,
                             float beta, MemorySegment c, long cOff, long ldc) {
        require();
        try {
            Holder.SGEMM.invokeExact(ROW_MAJOR, op(transA), op(transB), m, n, k, alpha,
                    a.asSlice(aOff), Math.toIntExact(lda), b.asSlice(bOff), Math.toIntExact(ldb),
                    beta, c.asSlice(cOff), Math.toIntExact(ldc));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@link #sgemm} for float64 segments. */
    public static void dgemm(Transpose transA, Transpose transB, int m, int n, int k, double alpha,
                             MemorySegment a, long aOff, long lda, MemorySegment b, long bOff, long ldb,
                             double beta, MemorySegment c, long cOff, long ldc) {
        require();
        try {
            Holder.DGEMM.invokeExact(ROW_MAJOR, op(transA), op(transB), m, n, k, alpha,
                    a.asSlice(aOff), Math.toIntExact(lda), b.asSlice(bOff), Math.toIntExact(ldb),
                    beta, c.asSlice(cOff), Math.toIntExact(ldc));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static int op(Transpose t) {
        return t == Transpose.N ? NO_TRANS : TRANS;
    }

    private static void require() {
        if (!isAvailable()) {
            throw new IllegalStateException(Holder.REASON);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
