package dev.rosenblatt.bench.jmh;

import dev.rosenblatt.bench.peers.OpenBlas;
import dev.rosenblatt.kernels.KernelProviders;
import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.Transpose;
import dev.rosenblatt.kernels.memory.OffHeap;
import org.apache.commons.math3.linear.BlockRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.openjdk.jmh.annotations.AuxCounters;
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

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * GEMM by Rosenblatt and its peers on the same shapes, one thread each, each peer in its own fork:
 * <ul>
 *   <li>{@code rosenblatt}, {@code openblas}: float32 on the very same off-heap segments (OpenBLAS through FFM,
 *   {@link OpenBlas}); {@code rosenblatt_f64}, {@code openblas_f64}: the float64 twins;</li>
 *   <li>{@code ejml}: {@code CommonOps_FDRM.mult} / {@code multTransA} / {@code multTransB} / {@code multTransAB}
 *   (float32, on heap, copied from the segments once in setup);</li>
 *   <li>{@code commons_math3}: {@code BlockRealMatrix.multiply} (float64 only); a transposed operand is
 *   transposed inside the timed call, since commons-math3 has no transposed multiply;</li>
 *   <li>{@code java_loop}: a plain i-p-j triple loop over float arrays.</li>
 * </ul>
 * OpenBLAS takes its threads and kernel from the environment, which forks inherit: for a fair 1-thread comparison
 * run with {@code env -u OPENBLAS_L2_SIZE OPENBLAS_CORETYPE=SkylakeX OPENBLAS_NUM_THREADS=1}. Without OpenBLAS,
 * {@code bench jmh} leaves its two peers out with a one-line note; run straight through JMH, their setup fails
 * with that note. {@code flops} / 1e9 is GFLOP/s (2 m n k per call).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        KernelProviders.TIER3_DELAY_ON_FLAG,
        KernelProviders.NO_PROFILED_LOOP_PREDICATE_FLAG})
public class GemmPeersBenchmark {

    /** Peers, as the {@code peer} parameter spells them; {@code bench jmh} filters the OpenBLAS ones. */
    public static final String[] PEERS = {"rosenblatt", "openblas", "ejml", "java_loop", "rosenblatt_f64",
            "openblas_f64", "commons_math3"};

    @Param({"128 128 128 NN", "512 512 512 NN", "1024 1024 1024 NN", "128 256 784 NN", "784 256 128 TN",
            "128 784 256 NT", "512 512 512 TT", "128 10 128 NN"})
    String shape;

    @Param({"rosenblatt", "openblas", "ejml", "java_loop", "rosenblatt_f64", "openblas_f64", "commons_math3"})
    String peer;

    private OffHeap memory;
    private Kernels kernels;
    private int m;
    private int n;
    private int k;
    private Transpose ta;
    private Transpose tb;
    private long lda;
    private long ldb;
    private MemorySegment a;
    private MemorySegment b;
    private MemorySegment c;
    private FMatrixRMaj ejmlA;
    private FMatrixRMaj ejmlB;
    private FMatrixRMaj ejmlC;
    private RealMatrix cmA;
    private RealMatrix cmB;
    private float[] arrA;
    private float[] arrB;
    private float[] arrC;
    private long flopsPerCall;

    /** Floating-point operations done, reported by JMH as a rate beside the calls per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        public long flops;
    }

    @Setup(Level.Trial)
    public void setUp() {
        if (peer.startsWith("openblas") && !OpenBlas.isAvailable()) {
            throw new IllegalStateException(OpenBlas.unavailableReason().orElseThrow());
        }
        String[] p = shape.trim().split("\\s+");
        m = Integer.parseInt(p[0]);
        n = Integer.parseInt(p[1]);
        k = Integer.parseInt(p[2]);
        Transpose[] ops = Transpose.pair(p.length > 3 ? p[3] : "NN");
        ta = ops[0];
        tb = ops[1];
        // Stored shapes: A is m x k (k x m when transposed), B is k x n (n x k when transposed).
        int aRows = ta == Transpose.N ? m : k;
        int aCols = ta == Transpose.N ? k : m;
        int bRows = tb == Transpose.N ? k : n;
        int bCols = tb == Transpose.N ? n : k;
        lda = aCols;
        ldb = bCols;
        boolean f64 = peer.endsWith("_f64") || peer.equals("commons_math3");
        int bytes = f64 ? Double.BYTES : Float.BYTES;
        kernels = Kernels.of(KernelProviders.simd());
        memory = OffHeap.shared();
        SplittableRandom random = new SplittableRandom(1);
        a = memory.allocate((long) m * k * bytes);
        b = memory.allocate((long) k * n * bytes);
        c = memory.allocate((long) m * n * bytes);
        fill(a, random, f64);
        fill(b, random, f64);
        switch (peer) {
            case "ejml" -> {
                ejmlA = new FMatrixRMaj(aRows, aCols, true, a.toArray(ValueLayout.JAVA_FLOAT));
                ejmlB = new FMatrixRMaj(bRows, bCols, true, b.toArray(ValueLayout.JAVA_FLOAT));
                ejmlC = new FMatrixRMaj(m, n);
            }
            case "commons_math3" -> {
                cmA = new BlockRealMatrix(toRows(a.toArray(ValueLayout.JAVA_DOUBLE), aRows, aCols));
                cmB = new BlockRealMatrix(toRows(b.toArray(ValueLayout.JAVA_DOUBLE), bRows, bCols));
            }
            case "java_loop" -> {
                arrA = a.toArray(ValueLayout.JAVA_FLOAT);
                arrB = b.toArray(ValueLayout.JAVA_FLOAT);
                arrC = new float[m * n];
            }
            default -> { }
        }
        flopsPerCall = 2L * m * n * k;
    }

    private static void fill(MemorySegment s, SplittableRandom random, boolean f64) {
        long count = s.byteSize() / (f64 ? Double.BYTES : Float.BYTES);
        for (long i = 0; i < count; i++) {
            if (f64) {
                s.setAtIndex(ValueLayout.JAVA_DOUBLE, i, random.nextDouble() * 2 - 1);
            } else {
                s.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) (random.nextDouble() * 2 - 1));
            }
        }
    }

    private static double[][] toRows(double[] flat, int rows, int cols) {
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = java.util.Arrays.copyOfRange(flat, i * cols, (i + 1) * cols);
        }
        return out;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        memory.close();
    }

    @Benchmark
    public Object gemm(Flops counter) {
        Object result = switch (peer) {
            case "rosenblatt" -> {
                kernels.sgemm(ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n, 1);
                yield c;
            }
            case "openblas" -> {
                OpenBlas.sgemm(ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
                yield c;
            }
            case "rosenblatt_f64" -> {
                kernels.dgemm(ta, tb, m, n, k, 1.0, a, 0, lda, b, 0, ldb, 0.0, c, 0, n, 1);
                yield c;
            }
            case "openblas_f64" -> {
                OpenBlas.dgemm(ta, tb, m, n, k, 1.0, a, 0, lda, b, 0, ldb, 0.0, c, 0, n);
                yield c;
            }
            case "ejml" -> {
                if (ta == Transpose.N && tb == Transpose.N) {
                    CommonOps_FDRM.mult(ejmlA, ejmlB, ejmlC);
                } else if (tb == Transpose.N) {
                    CommonOps_FDRM.multTransA(ejmlA, ejmlB, ejmlC);
                } else if (ta == Transpose.N) {
                    CommonOps_FDRM.multTransB(ejmlA, ejmlB, ejmlC);
                } else {
                    CommonOps_FDRM.multTransAB(ejmlA, ejmlB, ejmlC);
                }
                yield ejmlC;
            }
            case "commons_math3" -> (ta == Transpose.N ? cmA : cmA.transpose())
                    .multiply(tb == Transpose.N ? cmB : cmB.transpose());
            case "java_loop" -> tripleLoop();
            default -> throw new IllegalArgumentException("unknown peer " + peer);
        };
        counter.flops += flopsPerCall;
        return result;
    }

    /** The textbook loop, with the p loop outside j so the inner loop walks a row of B when B is not transposed. */
    private float[] tripleLoop() {
        java.util.Arrays.fill(arrC, 0f);
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                float aip = ta == Transpose.N ? arrA[(int) (i * lda + p)] : arrA[(int) (p * lda + i)];
                for (int j = 0; j < n; j++) {
                    float bpj = tb == Transpose.N ? arrB[(int) (p * ldb + j)] : arrB[(int) (j * ldb + p)];
                    arrC[i * n + j] += aip * bpj;
                }
            }
        }
        return arrC;
    }
}
