package dev.rosenblatt.bench.jmh;

import dev.rosenblatt.kernels.KernelProviders;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * What a Java loop can write to memory, the ceiling of an elementwise kernel on data larger than the caches: the
 * elementwise speed goal at 16M elements is a share of STREAM's copy, and STREAM's fastest copy uses non-temporal
 * stores, which the Vector API does not have. Three ways to produce {@code out = in} (8 bytes an element, read plus
 * written):
 * <ul>
 *   <li>{@code vectorLoop}: one vector load and store a step, as the activation kernels store;</li>
 *   <li>{@code bulkCopy}: {@link MemorySegment#copy}, the JDK's copy routine, which for large copies does not read the
 *       destination first (like non-temporal stores), but copies only what already lies in memory;</li>
 *   <li>{@code stagedCopy64K}, {@code stagedCopy4M}: each block computed into a buffer of that size that stays in
 *       cache (L2, L3), then bulk-copied out: what a kernel would have to do to use that routine for its results.</li>
 * </ul>
 * The {@code bytes} counter / 1e9 is GB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        KernelProviders.TIER3_DELAY_ON_FLAG,
        KernelProviders.NO_PROFILED_LOOP_PREDICATE_FLAG})
public class StoreCeilingBenchmark {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    /** The in-cache buffers of the staged copies: 64 KiB (in L2) and 4 MiB (in L3). */
    private static final int STAGE_SMALL = 64 << 10;
    private static final int STAGE_LARGE = 4 << 20;

    /**
     * Floats in each of the two arrays; 16M is the goal's size (64 MiB each way, far beyond the caches). Not named
     * {@code size}, so that the quick profile, which sets sizes to 64K, leaves it alone.
     */
    @Param({"16777216"})
    int floats;

    private Arena arena;
    private MemorySegment in;
    private MemorySegment out;
    private MemorySegment buffer;

    @Setup(Level.Trial)
    public void setUp() {
        if (floats % F.length() != 0) {
            throw new IllegalArgumentException("floats must be a whole number of vectors");
        }
        arena = Arena.ofShared();
        in = arena.allocate((long) floats * Float.BYTES, 64);
        out = arena.allocate((long) floats * Float.BYTES, 64);
        buffer = arena.allocate(STAGE_LARGE, 64);
        for (long i = 0; i < floats; i++) {
            in.setAtIndex(ValueLayout.JAVA_FLOAT, i, i * 0x1p-20f);
        }
        out.fill((byte) 0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public MemorySegment vectorLoop(ByteCount counter) {
        copy(in, 0, out, 0, floats);
        counter.bytes += 8L * floats;
        return out;
    }

    @Benchmark
    public MemorySegment bulkCopy(ByteCount counter) {
        MemorySegment.copy(in, 0, out, 0, (long) floats * Float.BYTES);
        counter.bytes += 8L * floats;
        return out;
    }

    @Benchmark
    public MemorySegment stagedCopy64K(ByteCount counter) {
        return staged(STAGE_SMALL, counter);
    }

    @Benchmark
    public MemorySegment stagedCopy4M(ByteCount counter) {
        return staged(STAGE_LARGE, counter);
    }

    private MemorySegment staged(int stageBytes, ByteCount counter) {
        int block = stageBytes / Float.BYTES;
        for (int from = 0; from < floats; from += block) {
            int n = Math.min(block, floats - from);
            copy(in, (long) from * Float.BYTES, buffer, 0, n);
            MemorySegment.copy(buffer, 0, out, (long) from * Float.BYTES, (long) n * Float.BYTES);
        }
        counter.bytes += 8L * floats;
        return out;
    }

    private static void copy(MemorySegment src, long srcOffset, MemorySegment dst, long dstOffset, int n) {
        for (int i = 0; i < n; i += F.length()) {
            long at = (long) i * Float.BYTES;
            FloatVector.fromMemorySegment(F, src, srcOffset + at, ORDER).intoMemorySegment(dst, dstOffset + at, ORDER);
        }
    }
}
