package dev.rosenblatt.nn.model;

import dev.rosenblatt.kernels.Activation;
import dev.rosenblatt.kernels.GemmEpilogue;
import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.F32Vector;
import dev.rosenblatt.kernels.memory.MatrixLayout;
import dev.rosenblatt.kernels.memory.OffHeap;
import dev.rosenblatt.kernels.memory.VectorLayout;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

/**
 * A multi-layer perceptron: dense layers Z = A_prev W + b, A = f(Z), trained by backpropagation.
 *
 * <p>Memory, llm.c style: all parameters live in one off-heap block and all gradients in another with the same
 * layout (so an optimizer updates every parameter in one kernel call), and the activations of every layer live in
 * a workspace sized for the largest batch. The network owns that memory ({@link #close()} frees it); a shared arena,
 * so that GEMM's worker threads may read it. Backward accumulates into the gradients, as in PyTorch: call
 * {@link #zeroGradients()} between steps.
 *
 * <p>W of layer l is fanIn x units, so the forward pass is one NN GEMM, and the backward pass one TN GEMM (dW) and
 * one NT GEMM (dA of the layer below), as in the GEMM benchmarks.
 */
public final class Network implements AutoCloseable {

    /** Parameter tensors start on 16-element boundaries, so every W and b is 64-byte aligned in float32. */
    private static final int ALIGN = 16;

    private final Architecture arch;
    private final Precision prec;
    private final Kernels kernels;
    private final int maxBatch;
    private final OffHeap memory = OffHeap.shared();
    private final MemorySegment params;
    private final MemorySegment grads;
    private final long parameterCount;
    private final long[] wOffset;
    private final long[] bOffset;
    private final MatrixLayout[] w;
    private final MatrixLayout[] wT;
    private final MatrixLayout[] dw;
    private final VectorLayout[] b;
    private final VectorLayout[] db;
    /** Per layer: pre-activation, activation (the same buffer for identity layers) and their gradients. */
    private final MemorySegment[] zMem;
    private final MemorySegment[] aMem;
    private final MemorySegment[] dzMem;
    private final MemorySegment[] daMem;
    private final MemorySegment targetsMem;
    private final ForwardEpilogue forwardEpilogue = new ForwardEpilogue();
    private final BackwardEpilogue backwardEpilogue = new BackwardEpilogue();

    /** Views of the workspace for one batch size; two sizes are kept (full batches and the last, shorter one). */
    private final BatchViews[] views = new BatchViews[2];
    private int nextView;
    private MatrixLayout lastOutputs;
    private float dropout;
    private long dropoutSeed;
    private long dropoutStep;
    private MemorySegment[] maskMem;

    public Network(Architecture arch, Precision prec, int maxBatch, Kernels kernels) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
        }
        this.arch = arch;
        this.prec = prec;
        this.kernels = kernels;
        this.maxBatch = maxBatch;
        int layers = arch.layers().size();
        wOffset = new long[layers];
        bOffset = new long[layers];
        long at = 0;
        for (int l = 0; l < layers; l++) {
            wOffset[l] = at;
            at = align(at + (long) arch.fanIn(l) * arch.layers().get(l).units());
            bOffset[l] = at;
            at = align(at + arch.layers().get(l).units());
        }
        parameterCount = at;
        params = memory.allocate(at * prec.bytes());
        grads = memory.allocate(at * prec.bytes());
        w = new MatrixLayout[layers];
        wT = new MatrixLayout[layers];
        dw = new MatrixLayout[layers];
        b = new VectorLayout[layers];
        db = new VectorLayout[layers];
        zMem = new MemorySegment[layers];
        aMem = new MemorySegment[layers];
        dzMem = new MemorySegment[layers];
        daMem = new MemorySegment[layers];
        for (int l = 0; l < layers; l++) {
            int in = arch.fanIn(l);
            int units = arch.layers().get(l).units();
            w[l] = prec.matrix(params, wOffset[l], in, units);
            wT[l] = transpose(w[l]);
            dw[l] = prec.matrix(grads, wOffset[l], in, units);
            b[l] = prec.vector(params, bOffset[l], units);
            db[l] = prec.vector(grads, bOffset[l], units);
            long bytes = (long) maxBatch * units * prec.bytes();
            zMem[l] = memory.allocate(bytes);
            dzMem[l] = memory.allocate(bytes);
            boolean identity = arch.layers().get(l).activation() == Activation.IDENTITY;
            aMem[l] = identity ? zMem[l] : memory.allocate(bytes);
            daMem[l] = identity ? dzMem[l] : memory.allocate(bytes);
        }
        targetsMem = memory.allocate((long) maxBatch * arch.outputs() * prec.bytes());
    }

    private static long align(long n) {
        return (n + ALIGN - 1) / ALIGN * ALIGN;
    }

    private static MatrixLayout transpose(MatrixLayout m) {
        return m instanceof dev.rosenblatt.kernels.memory.F32Matrix f ? f.transpose()
                : ((dev.rosenblatt.kernels.memory.F64Matrix) m).transpose();
    }

    public Architecture architecture() {
        return arch;
    }

    public Precision precision() {
        return prec;
    }

    public int maxBatch() {
        return maxBatch;
    }

    /** Parameters including alignment padding (the padding is always zero and has zero gradient). */
    public long parameterCount() {
        return parameterCount;
    }

    public MatrixLayout weights(int layer) {
        return w[layer];
    }

    public VectorLayout bias(int layer) {
        return b[layer];
    }

    public MatrixLayout weightGradients(int layer) {
        return dw[layer];
    }

    public VectorLayout biasGradients(int layer) {
        return db[layer];
    }

    /** Every parameter as one float32 vector (float32 networks only): what the optimizers update. */
    public F32Vector parameterVector() {
        return F32Vector.wrap(params, 0, Math.toIntExact(parameterCount), 1);
    }

    /** Every gradient as one float32 vector, in the same layout as {@link #parameterVector()}. */
    public F32Vector gradientVector() {
        return F32Vector.wrap(grads, 0, Math.toIntExact(parameterCount), 1);
    }

    /** The raw parameter block (element type of this network's precision). */
    public MemorySegment parameterMemory() {
        return params;
    }

    public double parameter(long index) {
        return prec.bytes() == Float.BYTES ? params.getAtIndex(ValueLayout.JAVA_FLOAT, index)
                : params.getAtIndex(ValueLayout.JAVA_DOUBLE, index);
    }

    public void setParameter(long index, double value) {
        if (prec.bytes() == Float.BYTES) {
            params.setAtIndex(ValueLayout.JAVA_FLOAT, index, (float) value);
        } else {
            params.setAtIndex(ValueLayout.JAVA_DOUBLE, index, value);
        }
    }

    public double gradient(long index) {
        return prec.bytes() == Float.BYTES ? grads.getAtIndex(ValueLayout.JAVA_FLOAT, index)
                : grads.getAtIndex(ValueLayout.JAVA_DOUBLE, index);
    }

    /** Weights drawn from {@code init} (null: the default for each layer's activation), biases zero. */
    public void initialize(Init init, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        params.fill((byte) 0);
        for (int l = 0; l < w.length; l++) {
            LayerSpec spec = arch.layers().get(l);
            Init how = init != null ? init : Init.defaultFor(spec.activation());
            int in = arch.fanIn(l);
            for (int i = 0; i < in; i++) {
                for (int j = 0; j < spec.units(); j++) {
                    prec.set(w[l], i, j, how.sample(random, in, spec.units()));
                }
            }
        }
    }

    public void zeroGradients() {
        grads.fill((byte) 0);
    }

    /** The network's outputs (logits for the classification losses) for the rows of x; a view valid until the next call. */
    public MatrixLayout forward(MatrixLayout x, int threads) {
        return forward(x, threads, false);
    }

    /**
     * Inverted dropout on every hidden layer's output while training: each output is zeroed with probability
     * {@code p} and the rest scaled by 1 / (1 - p), so evaluation needs no change. The mask is a hash of (seed,
     * step, layer, element), not a stateful generator, so a resumed run draws the same masks (see
     * {@link #setDropoutStep}). p = 0 turns it off.
     */
    public void setDropout(float p, long seed) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        }
        if (prec.bytes() != Float.BYTES && p > 0) {
            throw new IllegalArgumentException("dropout is for float32 training networks");
        }
        dropout = p;
        dropoutSeed = seed;
        if (p > 0 && maskMem == null) {
            maskMem = new MemorySegment[w.length];
            for (int l = 0; l < w.length - 1; l++) {
                maskMem[l] = memory.allocate((long) maxBatch * arch.layers().get(l).units() * Float.BYTES);
            }
        }
    }

    /** Which training step the next dropout masks belong to. */
    public void setDropoutStep(long step) {
        dropoutStep = step;
    }

    private MatrixLayout forward(MatrixLayout x, int threads, boolean training) {
        BatchViews v = viewsFor(x.rows());
        checkInput(x);
        MatrixLayout input = x;
        for (int l = 0; l < w.length; l++) {
            // Bias and activation run in the GEMM's epilogue: each thread on the block of z it has just computed,
            // while that block is still in its core's caches, and in parallel.
            forwardEpilogue.layer = l;
            forwardEpilogue.z = v.z[l];
            forwardEpilogue.a = v.a[l];
            prec.gemm(kernels, 1, input, w[l], 0, v.z[l], threads, forwardEpilogue);
            if (training && dropout > 0 && l < w.length - 1) {
                drawMaskAndApply(l, v.a[l]);
            }
            input = v.a[l];
        }
        forwardEpilogue.z = null;
        forwardEpilogue.a = null;
        lastOutputs = v.a[w.length - 1];
        return lastOutputs;
    }

    /**
     * Forward, loss and backward for one batch: the gradients of the mean loss are added to the gradient block.
     * {@code labels} has one class index per row of x.
     *
     * @return the loss averaged over the batch
     */
    public double forwardBackward(MatrixLayout x, int[] labels, int threads) {
        return forwardBackward(x, labels, threads, true);
    }

    /**
     * As {@link #forwardBackward(MatrixLayout, int[], int)}; with {@code accumulate} false the gradients are
     * overwritten instead (dW by a GEMM with beta 0), which saves zeroing and re-reading the whole gradient block
     * on every step of plain mini-batch training.
     */
    public double forwardBackward(MatrixLayout x, int[] labels, int threads, boolean accumulate) {
        BatchViews v = viewsFor(x.rows());
        MatrixLayout out = forward(x, threads, true);
        int last = w.length - 1;
        Loss loss = arch.loss();
        if (loss != Loss.SOFTMAX_CROSS_ENTROPY) {
            fillTargets(v.targets, labels, loss == Loss.HINGE ? -1 : 0);
        }
        double value = prec.loss(kernels, loss, v.da[last], out, labels, v.targets);
        boolean activationDone = false; // by the epilogue of the GEMM that computed da[l]
        for (int l = last; l >= 0; l--) {
            LayerSpec spec = arch.layers().get(l);
            if (dropout > 0 && l < last) {
                applyMask(l, v.da[l]);
            }
            if (spec.activation() != Activation.IDENTITY && !activationDone) {
                dzMem[l].fill((byte) 0); // backward kernels accumulate; the whole buffer, so no slice is made
                prec.activationBackward(kernels, spec.activation(), spec.param(), v.dz[l], v.da[l], v.z[l]);
            }
            MatrixLayout inputT = l == 0 ? transposeOfInput(v, x) : v.aT[l - 1];
            prec.gemm(kernels, 1, inputT, v.dz[l], accumulate ? 1 : 0, dw[l], threads);
            if (!accumulate) {
                zero(db[l]);
            }
            prec.biasBackward(kernels, db[l], v.dz[l]);
            activationDone = false;
            if (l > 0) {
                // The layer below's activation backward runs in this GEMM's epilogue, block by block and in
                // parallel, unless dropout's mask must come first.
                if (dropout == 0 && arch.layers().get(l - 1).activation() != Activation.IDENTITY) {
                    // Zeroed here in one bulk fill (the kernels accumulate): a per-element loop in the epilogue
                    // allocated about 17 bytes an element in a JVM where it was not compiled by C2.
                    dzMem[l - 1].fill((byte) 0);
                    backwardEpilogue.layer = l - 1;
                    backwardEpilogue.views = v;
                    prec.gemm(kernels, 1, v.dz[l], wT[l], 0, v.da[l - 1], threads, backwardEpilogue);
                    backwardEpilogue.views = null;
                    activationDone = true;
                } else {
                    prec.gemm(kernels, 1, v.dz[l], wT[l], 0, v.da[l - 1], threads);
                }
            }
        }
        return value;
    }

    /** The outputs of the last forward pass (a workspace view, valid until the next pass). */
    public MatrixLayout forwardOutputs() {
        return lastOutputs;
    }

    /** The loss of a batch without touching the gradients (for gradient checks and validation). */
    public double loss(MatrixLayout x, int[] labels, int threads) {
        BatchViews v = viewsFor(x.rows());
        MatrixLayout out = forward(x, threads);
        Loss loss = arch.loss();
        if (loss != Loss.SOFTMAX_CROSS_ENTROPY) {
            fillTargets(v.targets, labels, loss == Loss.HINGE ? -1 : 0);
        }
        return prec.loss(kernels, loss, null, out, labels, v.targets);
    }

    /** Draws layer l's mask (0 or 1 / (1 - p) per element) for this step and multiplies a by it. */
    private void drawMaskAndApply(int l, MatrixLayout a) {
        long n = a.size();
        float keep = 1f / (1f - dropout);
        long threshold = (long) (dropout * (1L << 32));
        long base = dropoutSeed ^ (dropoutStep * 0x9E3779B97F4A7C15L) ^ ((long) l << 56);
        MemorySegment mask = maskMem[l];
        MemorySegment values = a.segment();
        for (long i = 0; i < n; i++) {
            long h = mix(base + i * 0xBF58476D1CE4E5B9L) >>> 32;
            float m = h < threshold ? 0f : keep;
            mask.setAtIndex(ValueLayout.JAVA_FLOAT, i, m);
            values.setAtIndex(ValueLayout.JAVA_FLOAT, i, values.getAtIndex(ValueLayout.JAVA_FLOAT, i) * m);
        }
    }

    /** The backward of dropout: the gradient flows only through kept elements, scaled the same way. */
    private void applyMask(int l, MatrixLayout da) {
        long n = da.size();
        MemorySegment mask = maskMem[l];
        MemorySegment g = da.segment();
        for (long i = 0; i < n; i++) {
            g.setAtIndex(ValueLayout.JAVA_FLOAT, i,
                    g.getAtIndex(ValueLayout.JAVA_FLOAT, i) * mask.getAtIndex(ValueLayout.JAVA_FLOAT, i));
        }
    }

    /** SplitMix64's finalizer: a fast, well-mixed hash of a counter. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private void zero(VectorLayout v) {
        if (v instanceof F32Vector f) { // a loop, not a slice: a step must not allocate
            f.fill(0f);
        } else {
            ((dev.rosenblatt.kernels.memory.F64Vector) v).fill(0.0);
        }
    }

    private void fillTargets(MatrixLayout targets, int[] labels, double off) {
        prec.fill(targets, off);
        for (int i = 0; i < labels.length; i++) {
            prec.set(targets, i, labels[i], 1);
        }
    }

    private void checkInput(MatrixLayout x) {
        if (x.cols() != arch.inputs()) {
            throw new IllegalArgumentException("the network " + arch.describe() + " takes " + arch.inputs()
                    + " features, but the batch " + x.describe() + " has " + x.cols());
        }
    }

    private MatrixLayout transposeOfInput(BatchViews v, MatrixLayout x) {
        if (v.input != x) {
            v.input = x;
            v.inputT = transpose(x);
        }
        return v.inputT;
    }

    private BatchViews viewsFor(int rows) {
        if (rows < 1 || rows > maxBatch) {
            throw new IllegalArgumentException("a batch of " + rows + " rows; this network was sized for 1 to "
                    + maxBatch);
        }
        for (BatchViews v : views) {
            if (v != null && v.rows == rows) {
                return v;
            }
        }
        BatchViews v = new BatchViews(rows);
        views[nextView] = v;
        nextView = (nextView + 1) % views.length;
        return v;
    }

    /** Workspace views with {@code rows} rows, made once per batch size so that a training step allocates nothing. */
    /** One layer's bias and activation on a block of its z, as a GEMM epilogue (one instance: no allocation). */
    private final class ForwardEpilogue implements GemmEpilogue {
        int layer;
        MatrixLayout z;
        MatrixLayout a;

        @Override
        public void apply(int rowFrom, int rowTo, int colFrom, int colTo) {
            LayerSpec spec = arch.layers().get(layer);
            prec.biasActivationBlock(kernels, spec.activation(), spec.param(), z, a, b[layer], rowFrom, rowTo,
                    colFrom, colTo);
        }
    }

    /** Layer {@code layer}'s activation backward on a block of its da, as a GEMM epilogue (one instance). */
    private final class BackwardEpilogue implements GemmEpilogue {
        int layer;
        BatchViews views;

        @Override
        public void apply(int rowFrom, int rowTo, int colFrom, int colTo) {
            LayerSpec spec = arch.layers().get(layer);
            prec.activationBackwardBlock(kernels, spec.activation(), spec.param(), views.dz[layer], views.da[layer],
                    views.z[layer], rowFrom, rowTo, colFrom, colTo);
        }
    }

    private final class BatchViews {
        final int rows;
        final MatrixLayout[] z;
        final MatrixLayout[] a;
        final MatrixLayout[] aT;
        final MatrixLayout[] dz;
        final MatrixLayout[] da;
        final MatrixLayout targets;
        MatrixLayout input;
        MatrixLayout inputT;

        BatchViews(int rows) {
            this.rows = rows;
            int layers = w.length;
            z = new MatrixLayout[layers];
            a = new MatrixLayout[layers];
            aT = new MatrixLayout[layers];
            dz = new MatrixLayout[layers];
            da = new MatrixLayout[layers];
            for (int l = 0; l < layers; l++) {
                int units = arch.layers().get(l).units();
                z[l] = prec.matrix(zMem[l], 0, rows, units);
                a[l] = aMem[l] == zMem[l] ? z[l] : prec.matrix(aMem[l], 0, rows, units);
                aT[l] = transpose(a[l]);
                dz[l] = prec.matrix(dzMem[l], 0, rows, units);
                da[l] = daMem[l] == dzMem[l] ? dz[l] : prec.matrix(daMem[l], 0, rows, units);
            }
            targets = prec.matrix(targetsMem, 0, rows, arch.outputs());
        }
    }

    @Override
    public void close() {
        memory.close();
    }
}
