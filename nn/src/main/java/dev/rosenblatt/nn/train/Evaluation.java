package dev.rosenblatt.nn.train;

import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.MatrixLayout;
import dev.rosenblatt.nn.model.Network;

/** A network's mean loss and confusion matrix on a labelled set. */
public record Evaluation(double loss, ConfusionMatrix confusion) {

    public static Evaluation of(Network net, Kernels kernels, F32Matrix x, int[] y, int batch, int threads) {
        int classes = net.architecture().outputs();
        ConfusionMatrix confusion = new ConfusionMatrix(classes);
        batch = Math.min(batch, net.maxBatch());
        double lossSum = 0;
        int[] pred = new int[batch];
        for (int from = 0; from < x.rows(); from += batch) {
            int rows = Math.min(batch, x.rows() - from);
            F32Matrix xb = x.rowRange(from, rows);
            int[] labels = java.util.Arrays.copyOfRange(y, from, from + rows);
            lossSum += net.loss(xb, labels, threads) * rows;
            MatrixLayout out = net.forwardOutputs();
            int[] p = rows == pred.length ? pred : new int[rows];
            kernels.argmaxRows(p, (F32Matrix) out);
            for (int r = 0; r < rows; r++) {
                confusion.add(labels[r], p[r]);
            }
        }
        return new Evaluation(lossSum / x.rows(), confusion);
    }
}
