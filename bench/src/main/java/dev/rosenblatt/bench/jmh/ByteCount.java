package dev.rosenblatt.bench.jmh;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Bytes a kernel benchmark moved (read plus written), which JMH reports beside the primary score as the secondary
 * metric {@code bytes}: in throughput mode a rate, so / 1e9 is GB/s. A benchmark method takes it as an argument and
 * adds its call's bytes.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ByteCount {
    public long bytes;
}
