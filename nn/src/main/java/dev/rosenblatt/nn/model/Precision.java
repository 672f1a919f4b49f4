package dev.rosenblatt.nn.model;

import dev.rosenblatt.kernels.Activation;
import dev.rosenblatt.kernels.GemmEpilogue;
import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.F32Vector;
import dev.rosenblatt.kernels.memory.F64Matrix;
import dev.rosenblatt.kernels.memory.F64Vector;
import dev.rosenblatt.kernels.memory.MatrixLayout;
import dev.rosenblatt.kernels.memory.VectorLayout;

import java.lang.foreign.MemorySegment;

/**
 * The kernels a network calls, for one element type: float32 for training, float64 for gradient checks. The
 * network is written once against this; each implementation casts the views to its own type.
 */
public sealed interface Precision permits Precision.F32, Precision.F64 {

    int bytes();

    MatrixLayout matrix(MemorySegment segment, long offset, int rows, int cols);

    VectorLayout vector(MemorySegment segment, long offset, int length);

    double get(MatrixLayout m, int i, int j);

    void set(MatrixLayout m, int i, int j, double value);

    void fill(MatrixLayout m, double value);

    void gemm(Kernels k, double alpha, MatrixLayout a, MatrixLayout b, double beta, MatrixLayout c, int threads);

    /** As {@link #gemm}, with {@code epilogue} run on each block of C by the thread that computed it. */
    void gemm(Kernels k, double alpha, MatrixLayout a, MatrixLayout b, double beta, MatrixLayout c, int threads,
              GemmEpilogue epilogue);

    /**
     * A dense layer's forward on one block, rows [r0, r1) and columns [c0, c1): z += bias, then a = f(z) unless f is
     * the identity. Calls the provider on raw offsets (no views are made: it runs inside a GEMM's epilogue, once per
     * block and step). z and a must not be transposed views.
     */
    void biasActivationBlock(Kernels k, Activation op, float param, MatrixLayout z, MatrixLayout a, VectorLayout bias,
                             int r0, int r1, int c0, int c1);

    /**
     * An activation's backward on one block, rows [r0, r1) and columns [c0, c1): dIn += dOut * f'(in), as the
     * kernel. Raw offsets, as {@link #biasActivationBlock}.
     */
    void activationBackwardBlock(Kernels k, Activation op, float param, MatrixLayout dIn, MatrixLayout dOut,
                                 MatrixLayout in, int r0, int r1, int c0, int c1);

    void biasForward(Kernels k, MatrixLayout out, VectorLayout bias);

    void biasBackward(Kernels k, VectorLayout dBias, MatrixLayout dOut);

    void activationForward(Kernels k, Activation op, float param, MatrixLayout out, MatrixLayout in);

    void activationBackward(Kernels k, Activation op, float param, MatrixLayout dIn, MatrixLayout dOut,
                            MatrixLayout in);

    /** The loss averaged over the batch; its gradient with respect to {@code out} overwrites {@code grad}. */
    double loss(Kernels k, Loss loss, MatrixLayout grad, MatrixLayout out, int[] labels, MatrixLayout targets);

    void argmaxRows(Kernels k, int[] out, MatrixLayout m);

    Precision FLOAT32 = new F32();
    Precision FLOAT64 = new F64();

    /** float32. */
    final class F32 implements Precision {
        private F32() {
        }

        @Override
        public int bytes() {
            return Float.BYTES;
        }

        @Override
        public MatrixLayout matrix(MemorySegment segment, long offset, int rows, int cols) {
            return F32Matrix.wrap(segment, offset, rows, cols, Math.max(1, cols));
        }

        @Override
        public VectorLayout vector(MemorySegment segment, long offset, int length) {
            return F32Vector.wrap(segment, offset, length, 1);
        }

        @Override
        public double get(MatrixLayout m, int i, int j) {
            return ((F32Matrix) m).get(i, j);
        }

        @Override
        public void set(MatrixLayout m, int i, int j, double value) {
            ((F32Matrix) m).set(i, j, (float) value);
        }

        @Override
        public void fill(MatrixLayout m, double value) {
            ((F32Matrix) m).fill((float) value);
        }

        @Override
        public void gemm(Kernels k, double alpha, MatrixLayout a, MatrixLayout b, double beta, MatrixLayout c,
                         int threads) {
            k.gemm((float) alpha, (F32Matrix) a, (F32Matrix) b, (float) beta, (F32Matrix) c, threads);
        }

        @Override
        public void gemm(Kernels k, double alpha, MatrixLayout a, MatrixLayout b, double beta, MatrixLayout c,
                         int threads, GemmEpilogue epilogue) {
            k.gemm((float) alpha, (F32Matrix) a, (F32Matrix) b, (float) beta, (F32Matrix) c, threads, epilogue);
        }

        @Override
        public void activationBackwardBlock(Kernels k, Activation op, float param, MatrixLayout dIn,
                                            MatrixLayout dOut, MatrixLayout in, int r0, int r1, int c0, int c1) {
            F32Matrix di = (F32Matrix) dIn;
            F32Matrix dout = (F32Matrix) dOut;
            F32Matrix x = (F32Matrix) in;
            if (di.isTransposed() || dout.isTransposed() || x.isTransposed()) {
                throw new IllegalArgumentException("activationBackwardBlock: views must not be transposed");
            }
            long diOff = di.offset() + (long) r0 * di.ld() + c0;
            MemorySegment diSeg = di.segment();
            k.provider().activations().backwardF32(op, param, r1 - r0, c1 - c0, diSeg, diOff, di.ld(),
                    dout.segment(), dout.offset() + (long) r0 * dout.ld() + c0, dout.ld(),
                    x.segment(), x.offset() + (long) r0 * x.ld() + c0, x.ld());
        }

        @Override
        public void biasActivationBlock(Kernels k, Activation op, float param, MatrixLayout z, MatrixLayout a,
                                        VectorLayout bias, int r0, int r1, int c0, int c1) {
            F32Matrix zm = (F32Matrix) z;
            F32Matrix am = (F32Matrix) a;
            F32Vector bv = (F32Vector) bias;
            if (zm.isTransposed() || am.isTransposed()) {
                throw new IllegalArgumentException("biasActivationBlock: z and a must not be transposed views");
            }
            long zOff = zm.offset() + (long) r0 * zm.ld() + c0;
            k.provider().bias().addF32(r1 - r0, c1 - c0, zm.segment(), zOff, zm.ld(), bv.segment(),
                    bv.offset() + (long) c0 * bv.stride(), bv.stride());
            if (op != Activation.IDENTITY) {
                k.provider().activations().forwardF32(op, param, r1 - r0, c1 - c0, am.segment(),
                        am.offset() + (long) r0 * am.ld() + c0, am.ld(), zm.segment(), zOff, zm.ld());
            }
        }

        @Override
        public void biasForward(Kernels k, MatrixLayout out, VectorLayout bias) {
            k.biasForward((F32Matrix) out, (F32Vector) bias);
        }

        @Override
        public void biasBackward(Kernels k, VectorLayout dBias, MatrixLayout dOut) {
            k.biasBackward((F32Vector) dBias, (F32Matrix) dOut);
        }

        @Override
        public void activationForward(Kernels k, Activation op, float param, MatrixLayout out, MatrixLayout in) {
            k.activationForward(op, param, (F32Matrix) out, (F32Matrix) in);
        }

        @Override
        public void activationBackward(Kernels k, Activation op, float param, MatrixLayout dIn, MatrixLayout dOut,
                                       MatrixLayout in) {
            k.activationBackward(op, param, (F32Matrix) dIn, (F32Matrix) dOut, (F32Matrix) in);
        }

        @Override
        public double loss(Kernels k, Loss loss, MatrixLayout grad, MatrixLayout out, int[] labels,
                           MatrixLayout targets) {
            return switch (loss) {
                case SOFTMAX_CROSS_ENTROPY -> k.softmaxCrossEntropyLoss((F32Matrix) grad, (F32Matrix) out, labels);
                case MSE -> k.mseLoss((F32Matrix) grad, (F32Matrix) out, (F32Matrix) targets);
                case BCE_WITH_LOGITS -> k.bceWithLogitsLoss((F32Matrix) grad, (F32Matrix) out, (F32Matrix) targets);
                case HINGE -> k.hingeLoss((F32Matrix) grad, (F32Matrix) out, (F32Matrix) targets, 1f);
            };
        }

        @Override
        public void argmaxRows(Kernels k, int[] out, MatrixLayout m) {
            k.argmaxRows(out, (F32Matrix) m);
        }
    }

    /** float64. */
    final class F64 implements Precision {
        private F64() {
        }

        @Override
        public int bytes() {
            return Double.BYTES;
        }

        @Override
        public MatrixLayout matrix(MemorySegment segment, long offset, int rows, int cols) {
            return F64Matrix.wrap(segment, offset, rows, cols, Math.max(1, cols));
        }

        @Override
        public VectorLayout vector(MemorySegment segment, long offset, int length) {
            return F64Vector.wrap(segment, offset, length, 1);
        }

        @Override
        public double get(MatrixLayout m, int i, int j) {
            return ((F64Matrix) m).get(i, j);
        }

        @Override
        public void set(MatrixLayout m, int i, int j, double value) {
            ((F64Matrix) m).set(i, j, value);
        }

        @Override
        public void fill(MatrixLayout m, double value) {
            ((F64Matrix) m).fill(value);
        }

        @Override
        public void gemm(Kernels k, double alpha, MatrixLayout a, MatrixLayout b, double beta, MatrixLayout c,
                         int threads) {
            k.gemm(alpha, (F64Matrix) a, (F64Matrix) b, beta, (F64Matrix) c, threads);
        }

        @Override
        public void gemm(Kernels k, double alpha, MatrixLayout a, MatrixLayout b, double beta, MatrixLayout c,
                         int threads, GemmEpilogue epilogue) {
            k.gemm(alpha, (F64Matrix) a, (F64Matrix) b, beta, (F64Matrix) c, threads, epilogue);
        }

        @Override
        public void activationBackwardBlock(Kernels k, Activation op, float param, MatrixLayout dIn,
                                            MatrixLayout dOut, MatrixLayout in, int r0, int r1, int c0, int c1) {
            F64Matrix di = (F64Matrix) dIn;
            F64Matrix dout = (F64Matrix) dOut;
            F64Matrix x = (F64Matrix) in;
            if (di.isTransposed() || dout.isTransposed() || x.isTransposed()) {
                throw new IllegalArgumentException("activationBackwardBlock: views must not be transposed");
            }
            long diOff = di.offset() + (long) r0 * di.ld() + c0;
            MemorySegment diSeg = di.segment();
            k.provider().activations().backwardF64(op, param, r1 - r0, c1 - c0, diSeg, diOff, di.ld(),
                    dout.segment(), dout.offset() + (long) r0 * dout.ld() + c0, dout.ld(),
                    x.segment(), x.offset() + (long) r0 * x.ld() + c0, x.ld());
        }

        @Override
        public void biasActivationBlock(Kernels k, Activation op, float param, MatrixLayout z, MatrixLayout a,
                                        VectorLayout bias, int r0, int r1, int c0, int c1) {
            F64Matrix zm = (F64Matrix) z;
            F64Matrix am = (F64Matrix) a;
            F64Vector bv = (F64Vector) bias;
            if (zm.isTransposed() || am.isTransposed()) {
                throw new IllegalArgumentException("biasActivationBlock: z and a must not be transposed views");
            }
            long zOff = zm.offset() + (long) r0 * zm.ld() + c0;
            k.provider().bias().addF64(r1 - r0, c1 - c0, zm.segment(), zOff, zm.ld(), bv.segment(),
                    bv.offset() + (long) c0 * bv.stride(), bv.stride());
            if (op != Activation.IDENTITY) {
                k.provider().activations().forwardF64(op, param, r1 - r0, c1 - c0, am.segment(),
                        am.offset() + (long) r0 * am.ld() + c0, am.ld(), zm.segment(), zOff, zm.ld());
            }
        }

        @Override
        public void biasForward(Kernels k, MatrixLayout out, VectorLayout bias) {
            k.biasForward((F64Matrix) out, (F64Vector) bias);
        }

        @Override
        public void biasBackward(Kernels k, VectorLayout dBias, MatrixLayout dOut) {
            k.biasBackward((F64Vector) dBias, (F64Matrix) dOut);
        }

        @Override
        public void activationForward(Kernels k, Activation op, float param, MatrixLayout out, MatrixLayout in) {
            k.activationForward(op, param, (F64Matrix) out, (F64Matrix) in);
        }

        @Override
        public void activationBackward(Kernels k, Activation op, float param, MatrixLayout dIn, MatrixLayout dOut,
                                       MatrixLayout in) {
            k.activationBackward(op, param, (F64Matrix) dIn, (F64Matrix) dOut, (F64Matrix) in);
        }

        @Override
        public double loss(Kernels k, Loss loss, MatrixLayout grad, MatrixLayout out, int[] labels,
                           MatrixLayout targets) {
            return switch (loss) {
                case SOFTMAX_CROSS_ENTROPY -> k.softmaxCrossEntropyLoss((F64Matrix) grad, (F64Matrix) out, labels);
                case MSE -> k.mseLoss((F64Matrix) grad, (F64Matrix) out, (F64Matrix) targets);
                case BCE_WITH_LOGITS -> k.bceWithLogitsLoss((F64Matrix) grad, (F64Matrix) out, (F64Matrix) targets);
                case HINGE -> k.hingeLoss((F64Matrix) grad, (F64Matrix) out, (F64Matrix) targets, 1.0);
            };
        }

        @Override
        public void argmaxRows(Kernels k, int[] out, MatrixLayout m) {
            throw new UnsupportedOperationException("argmaxRows is float32 only; evaluate float32 networks");
        }
    }
}
