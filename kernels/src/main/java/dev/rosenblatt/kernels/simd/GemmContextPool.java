package dev.rosenblatt.kernels.simd;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * A few reusable GEMM contexts (packing scratch plus a worker team), so that a steady stream of calls allocates
 * nothing and concurrent callers never share scratch. A caller takes a free context with one compare-and-set;
 * when all are busy it gets a fresh one, which it keeps if a slot is free on return.
 */
final class GemmContextPool<C> {

    private final AtomicReferenceArray<C> free = new AtomicReferenceArray<>(8);
    private final IntFunction<C> factory;

    GemmContextPool(IntFunction<C> factory) {
        this.factory = factory;
    }

    /** A context for at most {@code threads} threads. */
    C acquire(int threads, ToIntFunction<C> capacity) {
        for (int i = 0; i < free.length(); i++) {
            C context = free.get(i);
            if (context != null && capacity.applyAsInt(context) >= threads && free.compareAndSet(i, context, null)) {
                return context;
            }
        }
        return factory.apply(threads);
    }

    /** Gives a context back; false when the pool is full and the caller should shut the context down. */
    boolean release(C context) {
        for (int i = 0; i < free.length(); i++) {
            if (free.get(i) == null && free.compareAndSet(i, null, context)) {
                return true;
            }
        }
        return false;
    }
}
