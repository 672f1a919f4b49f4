package dev.rosenblatt.verify.checks;

import dev.rosenblatt.kernels.Activation;
import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.F32Vector;
import dev.rosenblatt.kernels.memory.F64Matrix;
import dev.rosenblatt.kernels.memory.F64Vector;
import dev.rosenblatt.kernels.memory.MatrixLayout;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.nn.model.Architecture;
import dev.rosenblatt.nn.model.LayerSpec;
import dev.rosenblatt.nn.model.Loss;
import dev.rosenblatt.nn.model.Network;
import dev.rosenblatt.nn.model.Precision;
import dev.rosenblatt.verify.harness.ErrorStats;
import dev.rosenblatt.verify.harness.Row;
import dev.rosenblatt.verify.reference.ReferenceMlp;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Whole networks, for every hidden activation (STEP excepted: its backward is the straight-through estimator) and
 * every loss, 5 -&gt; 7 -&gt; 6 -&gt; 4, batch 4:
 * <ul>
 * <li>{@code gradcheck_network}: float64 backpropagation against central differences of the loss, relative error
 * at most 1e-6 (as {@link GradientChecks});
 * <li>{@code mlp_f64_vs_reference}: float64 gradients against {@link ReferenceMlp} on the same parameters, within
 * 1e-12 of the largest gradient (double rounding only: this validates the reference itself);
 * <li>{@code mlp_f32_vs_reference}: float32 training gradients against the double reference on the same (float)
 * parameters and inputs, within 1e-4 of the largest gradient magnitude: ~ 1700 u, for a few dozen roundings per
 * value through three layers of width at most 7, each amplified by weights of order 1.
 * </ul>
 */
public final class NetworkChecks {

    static final int BATCH = 4;
    static final double H = 1e-5;

    private NetworkChecks() {
    }

    public static List<KernelCheck> all() {
        return List.of(KernelCheck.of("gradcheck_network", NetworkChecks::finiteDifferences),
                KernelCheck.of("mlp_f64_vs_reference", (k, p, w) -> versusReference(k, p, w, Precision.FLOAT64)),
                KernelCheck.of("mlp_f32_vs_reference", (k, p, w) -> versusReference(k, p, w, Precision.FLOAT32)));
    }

    static List<Architecture> architectures() {
        List<Architecture> out = new ArrayList<>();
        for (Activation act : Activation.values()) {
            if (act == Activation.STEP) {
                continue;
            }
            float param = ActivationBounds.param(act);
            for (Loss loss : Loss.values()) {
                out.add(new Architecture(5, List.of(new LayerSpec(7, act, param), new LayerSpec(6, act, param),
                        new LayerSpec(4, Activation.IDENTITY)), loss));
            }
        }
        out.add(new Architecture(3, List.of(new LayerSpec(5, Activation.TANH), new LayerSpec(3, Activation.SIGMOID)),
                Loss.MSE));
        return out;
    }

    static Row finiteDifferences(Kernels kernels, String provider, int width) {
        SplittableRandom r = new SplittableRandom(81);
        ErrorStats stats = new ErrorStats(false);
        for (Architecture arch : architectures()) {
            try (OffHeap memory = OffHeap.shared();
                 Network net = new Network(arch, Precision.FLOAT64, BATCH, kernels)) {
                initialize(net, arch, r);
                F64Matrix x = memory.f64Matrix(BATCH, arch.inputs(), gaussian(r, BATCH * arch.inputs()));
                int[] labels = labels(r, arch);
                net.zeroGradients();
                net.forwardBackward(x, labels, 1);
                for (long p = 0; p < net.parameterCount(); p++) {
                    double analytic = net.gradient(p);
                    double saved = net.parameter(p);
                    net.setParameter(p, saved + H);
                    double up = net.loss(x, labels, 1);
                    net.setParameter(p, saved - H);
                    double down = net.loss(x, labels, 1);
                    net.setParameter(p, saved);
                    long pp = p;
                    GradientChecks.record(stats, analytic, (up - down) / (2 * H), () -> arch.describe() + " "
                            + arch.layers().get(0).activation() + " " + arch.loss() + " parameter " + pp);
                }
            }
        }
        return stats.row("gradcheck_network", provider, width, GradientChecks.BOUND);
    }

    static Row versusReference(Kernels kernels, String provider, int width, Precision precision) {
        boolean f32 = precision == Precision.FLOAT32;
        double bound = f32 ? 1e-4 : 1e-12;
        SplittableRandom r = new SplittableRandom(82);
        ErrorStats stats = new ErrorStats(f32);
        for (Architecture arch : architectures()) {
            try (OffHeap memory = OffHeap.shared(); Network net = new Network(arch, precision, BATCH, kernels)) {
                initialize(net, arch, r);
                double[] xs = gaussian(r, BATCH * arch.inputs());
                MatrixLayout x;
                if (f32) {
                    float[] xf = new float[xs.length];
                    for (int i = 0; i < xs.length; i++) {
                        xf[i] = (float) xs[i];
                        xs[i] = xf[i];
                    }
                    x = memory.f32Matrix(BATCH, arch.inputs(), xf);
                } else {
                    x = memory.f64Matrix(BATCH, arch.inputs(), xs);
                }
                int[] labels = labels(r, arch);
                net.forwardBackward(x, labels, 1, false);
                int layers = arch.layers().size();
                double[][][] w = new double[layers][][];
                double[][] b = new double[layers][];
                Activation[] act = new Activation[layers];
                double[] param = new double[layers];
                for (int l = 0; l < layers; l++) {
                    w[l] = matrix(net.weights(l));
                    b[l] = vector(net.bias(l));
                    act[l] = arch.layers().get(l).activation();
                    param[l] = arch.layers().get(l).param();
                }
                double[][] xd = new double[BATCH][arch.inputs()];
                for (int i = 0; i < BATCH; i++) {
                    System.arraycopy(xs, i * arch.inputs(), xd[i], 0, arch.inputs());
                }
                ReferenceMlp.Gradients ref = ReferenceMlp.forwardBackward(xd, w, b, act, param,
                        ReferenceMlp.LossKind.valueOf(arch.loss().name()), labels);
                double largest = 0;
                for (int l = 0; l < layers; l++) {
                    for (double[] row : ref.dW()[l]) {
                        for (double v : row) {
                            largest = Math.max(largest, Math.abs(v));
                        }
                    }
                    for (double v : ref.db()[l]) {
                        largest = Math.max(largest, Math.abs(v));
                    }
                }
                double scale = bound * Math.max(largest, 1e-30);
                String name = arch.layers().get(0).activation() + " " + arch.loss();
                for (int l = 0; l < layers; l++) {
                    double[][] dw = matrix(net.weightGradients(l));
                    double[] db = vector(net.biasGradients(l));
                    for (int i = 0; i < dw.length; i++) {
                        for (int j = 0; j < dw[i].length; j++) {
                            double err = Math.abs(dw[i][j] - ref.dW()[l][i][j]);
                            int ll = l;
                            int ii = i;
                            int jj = j;
                            stats.record(dw[i][j], ref.dW()[l][i][j], err / scale, err <= scale,
                                    () -> name + " dW" + ll + "(" + ii + "," + jj + ")");
                        }
                    }
                    for (int j = 0; j < db.length; j++) {
                        double err = Math.abs(db[j] - ref.db()[l][j]);
                        int ll = l;
                        int jj = j;
                        stats.record(db[j], ref.db()[l][j], err / scale, err <= scale,
                                () -> name + " db" + ll + "(" + jj + ")");
                    }
                }
            }
        }
        return stats.row(f32 ? "mlp_f32_vs_reference" : "mlp_f64_vs_reference", provider, width,
                "err <= " + (f32 ? "1e-4" : "1e-12") + " max|grad|");
    }

    /** He-style weights from the network's own initializer; biases away from 0, so no unit sits on a kink. */
    static void initialize(Network net, Architecture arch, SplittableRandom r) {
        net.initialize(null, r.nextLong());
        for (int l = 0; l < arch.layers().size(); l++) {
            for (int j = 0; j < arch.layers().get(l).units(); j++) {
                double v = r.nextDouble() * 0.2 - 0.1;
                if (net.bias(l) instanceof F64Vector d) {
                    d.set(j, v);
                } else {
                    ((F32Vector) net.bias(l)).set(j, (float) v);
                }
            }
        }
    }

    static double[] gaussian(SplittableRandom r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    static int[] labels(SplittableRandom r, Architecture arch) {
        int[] labels = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = r.nextInt(arch.outputs());
        }
        return labels;
    }

    static double[][] matrix(MatrixLayout m) {
        double[][] out = new double[m.rows()][m.cols()];
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                out[i][j] = m instanceof F32Matrix f ? f.get(i, j) : ((F64Matrix) m).get(i, j);
            }
        }
        return out;
    }

    static double[] vector(dev.rosenblatt.kernels.memory.VectorLayout v) {
        double[] out = new double[v.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v instanceof F32Vector f ? f.get(i) : ((F64Vector) v).get(i);
        }
        return out;
    }
}
