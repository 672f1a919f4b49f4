package dev.rosenblatt.verify.checks;

import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.F32Vector;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.verify.harness.ErrorStats;
import dev.rosenblatt.verify.harness.Inputs;
import dev.rosenblatt.verify.harness.Row;
import dev.rosenblatt.verify.harness.Ulps;
import dev.rosenblatt.verify.reference.ReferenceOptimizers;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The float32 optimizer updates against {@link ReferenceOptimizers}, every state output checked (p, and v, m).
 * Each bound is gamma_r times the magnitude of the result's terms, r counting the roundings on the way: SGD 2;
 * momentum v 2, p 4 (Nesterov 6); Adam m 3, v 4, p 16 (two bias corrections, a square root, a division and the
 * products); L2 weight decay 2; clipping by global norm: the norm within gamma_{N+2} of itself (N elements
 * summed as squares), each scaled gradient within gamma_{N+4} of itself.
 */
public final class OptimizerChecks {

    static final int N = 1000;
    static final float LR = 0.01f;

    private OptimizerChecks() {
    }

    public static List<KernelCheck> all() {
        return List.of(KernelCheck.of("sgd", OptimizerChecks::sgd),
                KernelCheck.of("momentum", (k, p, w) -> momentum(k, p, w, false)),
                KernelCheck.of("nesterov", (k, p, w) -> momentum(k, p, w, true)),
                KernelCheck.of("adam", (k, p, w) -> adam(k, p, w, 0f)),
                KernelCheck.of("adamw", (k, p, w) -> adam(k, p, w, 0.01f)),
                KernelCheck.of("l2_weight_decay", OptimizerChecks::l2),
                KernelCheck.of("clip_by_global_norm", OptimizerChecks::clip));
    }

    private static boolean check(ErrorStats stats, double got, double ref, double scale, int roundings,
                                 java.util.function.Supplier<String> where) {
        double err = Math.abs(got - ref);
        double ratio = err == 0 ? 0 : err / (Ulps.gamma(roundings, Ulps.U32) * scale);
        return stats.record(got, ref, ratio, ratio <= 1, where);
    }

    static Row sgd(Kernels kernels, String provider, int width) {
        ErrorStats stats = new ErrorStats(true);
        SplittableRandom r = new SplittableRandom(61);
        for (Inputs dist : Inputs.values()) {
            float[] p = dist.sample(N, r, true);
            float[] g = dist.sample(N, r, true);
            float[] got;
            try (OffHeap memory = OffHeap.confined()) {
                F32Vector pv = memory.f32Vector(p);
                kernels.sgdUpdate(pv, memory.f32Vector(g), LR);
                got = pv.toArray();
            }
            for (int i = 0; i < N; i++) {
                int ii = i;
                check(stats, got[i], ReferenceOptimizers.sgd(p[i], g[i], LR),
                        ReferenceOptimizers.sgdScale(p[i], g[i], LR), 2, () -> dist + " at " + ii);
            }
        }
        return stats.row("sgd", provider, width, "err <= gamma_2 (|p|+|lr g|)");
    }

    static Row momentum(Kernels kernels, String provider, int width, boolean nesterov) {
        ErrorStats stats = new ErrorStats(true);
        SplittableRandom r = new SplittableRandom(62);
        float mu = 0.9f;
        for (Inputs dist : Inputs.values()) {
            float[] p = dist.sample(N, r, true);
            float[] g = dist.sample(N, r, true);
            float[] v = dist.sample(N, r, true);
            float[] gotP;
            float[] gotV;
            try (OffHeap memory = OffHeap.confined()) {
                F32Vector pv = memory.f32Vector(p);
                F32Vector vv = memory.f32Vector(v);
                kernels.momentumUpdate(pv, memory.f32Vector(g), vv, LR, mu, nesterov);
                gotP = pv.toArray();
                gotV = vv.toArray();
            }
            for (int i = 0; i < N; i++) {
                double[] ref = ReferenceOptimizers.momentum(p[i], g[i], v[i], LR, mu, nesterov);
                double[] scale = ReferenceOptimizers.momentumScale(p[i], g[i], v[i], LR, mu, nesterov);
                int ii = i;
                check(stats, gotP[i], ref[0], scale[0], nesterov ? 6 : 4, () -> dist + " p at " + ii);
                check(stats, gotV[i], ref[1], scale[1], 2, () -> dist + " v at " + ii);
            }
        }
        return stats.row(nesterov ? "nesterov" : "momentum", provider, width,
                "p: gamma_" + (nesterov ? 6 : 4) + ", v: gamma_2 (x terms)");
    }

    static Row adam(Kernels kernels, String provider, int width, float wd) {
        ErrorStats stats = new ErrorStats(true);
        SplittableRandom r = new SplittableRandom(63);
        float b1 = 0.9f;
        float b2 = 0.999f;
        float eps = 1e-8f;
        for (long step : new long[] {1, 10, 1000}) {
            for (Inputs dist : Inputs.values()) {
                float[] p = dist.sample(N, r, true);
                float[] g = dist.sample(N, r, true);
                float[] m = dist.sample(N, r, true);
                float[] v = dist.sample(N, r, true);
                for (int i = 0; i < N; i++) {
                    v[i] = v[i] * v[i] > Float.MAX_VALUE ? Math.abs(v[i]) : v[i] * v[i]; // v holds squares
                }
                float[][] got = new float[3][];
                try (OffHeap memory = OffHeap.confined()) {
                    F32Vector pv = memory.f32Vector(p);
                    F32Vector mv = memory.f32Vector(m);
                    F32Vector vv = memory.f32Vector(v);
                    kernels.adamWUpdate(pv, memory.f32Vector(g), mv, vv, LR, b1, b2, eps, wd, step);
                    got[0] = pv.toArray();
                    got[1] = mv.toArray();
                    got[2] = vv.toArray();
                }
                for (int i = 0; i < N; i++) {
                    double[] ref = ReferenceOptimizers.adam(p[i], g[i], m[i], v[i], LR, b1, b2, eps, wd, step);
                    double[] scale = ReferenceOptimizers.adamScale(p[i], g[i], m[i], v[i], LR, b1, b2, eps, wd, step);
                    int ii = i;
                    check(stats, got[0][i], ref[0], scale[0], 16, () -> dist + " step " + step + " p at " + ii);
                    check(stats, got[1][i], ref[1], scale[1], 3, () -> dist + " step " + step + " m at " + ii);
                    check(stats, got[2][i], ref[2], scale[2], 4, () -> dist + " step " + step + " v at " + ii);
                }
            }
        }
        return stats.row(wd == 0 ? "adam" : "adamw", provider, width, "p: gamma_16, m: gamma_3, v: gamma_4 (x terms)");
    }

    static Row l2(Kernels kernels, String provider, int width) {
        ErrorStats stats = new ErrorStats(true);
        SplittableRandom r = new SplittableRandom(64);
        float lambda = 1e-4f;
        for (Inputs dist : Inputs.values()) {
            float[] g = dist.sample(N, r, true);
            float[] p = dist.sample(N, r, true);
            float[] got;
            try (OffHeap memory = OffHeap.confined()) {
                F32Vector gv = memory.f32Vector(g);
                kernels.l2WeightDecay(gv, memory.f32Vector(p), lambda);
                got = gv.toArray();
            }
            for (int i = 0; i < N; i++) {
                int ii = i;
                check(stats, got[i], ReferenceOptimizers.l2WeightDecay(g[i], p[i], lambda),
                        Math.abs(g[i]) + Math.abs((double) lambda * p[i]), 2, () -> dist + " at " + ii);
            }
        }
        return stats.row("l2_weight_decay", provider, width, "err <= gamma_2 (|g|+|lambda p|)");
    }

    static Row clip(Kernels kernels, String provider, int width) {
        ErrorStats stats = new ErrorStats(true);
        SplittableRandom r = new SplittableRandom(65);
        int[] sizes = {10, 100, 1000};
        int total = 1110;
        for (double factor : new double[] {0.5, 2}) {
            for (Inputs dist : Inputs.values()) {
                float[][] g = new float[sizes.length][];
                double sumSquares = 0;
                for (int k = 0; k < sizes.length; k++) {
                    g[k] = dist.sample(sizes[k], r, true);
                    for (float x : g[k]) {
                        sumSquares += (double) x * x;
                    }
                }
                double norm = Math.sqrt(sumSquares);
                double maxNorm = factor * norm; // 0.5: clipped; 2: left alone
                double gotNorm;
                float[][] got = new float[sizes.length][];
                try (OffHeap memory = OffHeap.confined()) {
                    F32Vector[] vs = new F32Vector[sizes.length];
                    for (int k = 0; k < sizes.length; k++) {
                        vs[k] = memory.f32Vector(g[k]);
                    }
                    gotNorm = kernels.clipByGlobalNorm(maxNorm, vs);
                    for (int k = 0; k < sizes.length; k++) {
                        got[k] = vs[k].toArray();
                    }
                }
                check(stats, gotNorm, norm, norm, total + 2, () -> dist + " norm, maxNorm = " + factor + " norm");
                double scale = norm > maxNorm ? maxNorm / norm : 1;
                for (int k = 0; k < sizes.length; k++) {
                    for (int i = 0; i < sizes[k]; i++) {
                        double ref = g[k][i] * scale;
                        int kk = k;
                        int ii = i;
                        check(stats, got[k][i], ref, Math.abs(ref), total + 4, () -> dist + " tensor " + kk + " at "
                                + ii + ", maxNorm = " + factor + " norm");
                    }
                }
            }
        }
        return stats.row("clip_by_global_norm", provider, width, "norm: gamma_{N+2}, g: gamma_{N+4} (relative)");
    }
}
