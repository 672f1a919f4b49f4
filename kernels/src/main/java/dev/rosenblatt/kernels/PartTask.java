package dev.rosenblatt.kernels;

/**
 * One of several parts of a piece of work, run by {@link Kernels#parallel}: {@code run(p)} for p = 0 .. parts - 1,
 * each exactly once, possibly on different threads at the same time. Parts must touch disjoint memory, and only
 * memory that other threads may access (a shared or global arena, not a confined one).
 */
@FunctionalInterface
public interface PartTask {

    void run(int part);
}
