package dev.rosenblatt.verify.reference;

import dev.rosenblatt.kernels.Activation;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A multilayer perceptron's forward and backward pass on commons-math3 {@link RealMatrix}, in double, independent
 * of the kernels: Z_l = A_{l-1} W_l + 1 b_l^T, A_l = f_l(Z_l), then the mean loss over the batch. W_l is fanIn x
 * units (the layout of {@code Network}). Returns the gradients of the mean loss for every W_l and b_l.
 */
public final class ReferenceMlp {

    /** The loss, as in {@code dev.rosenblatt.nn.model.Loss}. */
    public enum LossKind { SOFTMAX_CROSS_ENTROPY, MSE, BCE_WITH_LOGITS, HINGE }

    /** Gradients of the mean loss: dW[l] (fanIn x units) and db[l]. */
    public record Gradients(double loss, double[][][] dW, double[][] db) {
    }

    private ReferenceMlp() {
    }

    public static Gradients forwardBackward(double[][] x, double[][][] w, double[][] b, Activation[] act,
                                            double[] param, LossKind loss, int[] labels) {
        int layers = w.length;
        RealMatrix[] z = new RealMatrix[layers];
        RealMatrix[] a = new RealMatrix[layers + 1];
        a[0] = new Array2DRowRealMatrix(x);
        int batch = x.length;
        for (int l = 0; l < layers; l++) {
            RealMatrix zl = a[l].multiply(new Array2DRowRealMatrix(w[l]));
            for (int i = 0; i < batch; i++) {
                for (int j = 0; j < b[l].length; j++) {
                    zl.addToEntry(i, j, b[l][j]);
                }
            }
            z[l] = zl;
            RealMatrix al = zl.copy();
            for (int i = 0; i < batch; i++) {
                for (int j = 0; j < b[l].length; j++) {
                    al.setEntry(i, j, ReferenceActivations.forward(act[l], param[l], zl.getEntry(i, j)));
                }
            }
            a[l + 1] = al;
        }
        double[][] out = a[layers].getData();
        double[][] gradOut = new double[batch][out[0].length];
        ReferenceLosses losses = new ReferenceLosses();
        double value = switch (loss) {
            case SOFTMAX_CROSS_ENTROPY -> losses.softmaxCrossEntropy(gradOut, out, labels);
            case MSE -> losses.mse(gradOut, out, targets(labels, batch, out[0].length, 0));
            case BCE_WITH_LOGITS -> losses.bceWithLogits(gradOut, out, targets(labels, batch, out[0].length, 0));
            case HINGE -> losses.hinge(gradOut, out, targets(labels, batch, out[0].length, -1), 1);
        };
        double[][][] dW = new double[layers][][];
        double[][] db = new double[layers][];
        RealMatrix dA = new Array2DRowRealMatrix(gradOut);
        for (int l = layers - 1; l >= 0; l--) {
            RealMatrix dZ = dA.copy();
            for (int i = 0; i < batch; i++) {
                for (int j = 0; j < b[l].length; j++) {
                    dZ.multiplyEntry(i, j, ReferenceActivations.derivative(act[l], param[l], z[l].getEntry(i, j)));
                }
            }
            dW[l] = a[l].transpose().multiply(dZ).getData();
            db[l] = new double[b[l].length];
            for (int j = 0; j < db[l].length; j++) {
                for (int i = 0; i < batch; i++) {
                    db[l][j] += dZ.getEntry(i, j);
                }
            }
            dA = dZ.multiply(new Array2DRowRealMatrix(w[l]).transpose());
        }
        return new Gradients(value, dW, db);
    }

    /** One-hot targets: 1 at the label, {@code off} elsewhere (-1 for the hinge, 0 otherwise). */
    public static double[][] targets(int[] labels, int batch, int classes, double off) {
        double[][] t = new double[batch][classes];
        for (int i = 0; i < batch; i++) {
            java.util.Arrays.fill(t[i], off);
            t[i][labels[i]] = 1;
        }
        return t;
    }
}
