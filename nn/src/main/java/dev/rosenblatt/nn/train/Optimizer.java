package dev.rosenblatt.nn.train;

import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.kernels.memory.F32Vector;
import dev.rosenblatt.kernels.memory.OffHeap;

import java.util.Locale;

/**
 * Updates all parameters from all gradients, both one flat vector (see {@code Network.parameterVector()}). Its
 * state (velocity, moments) lives in one off-heap block of the same length, owned by the optimizer.
 */
public sealed interface Optimizer extends AutoCloseable permits Optimizer.Sgd, Optimizer.Momentum, Optimizer.Adam {

    /** One step at learning rate {@code lr}, on the calling thread; {@code step} counts from 1. */
    default void step(Kernels kernels, F32Vector params, F32Vector grads, float lr, long step) {
        step(kernels, params, grads, lr, step, 1);
    }

    /**
     * One step split between {@code threads} threads (the GEMM's; see {@link PartedUpdate}), with the same result
     * as on one. Vectors in a confined arena, which other threads may not touch, are updated on this thread.
     */
    void step(Kernels kernels, F32Vector params, F32Vector grads, float lr, long step, int threads);

    /** The state vectors, for checkpoints (empty for plain SGD). */
    F32Vector[] state();

    @Override
    void close();

    /** Plain gradient descent with optional L2 weight decay (added to the gradient). */
    final class Sgd implements Optimizer {
        private final float weightDecay;
        private final PartedUpdate update = new PartedUpdate(this::apply);
        private float lr;

        public Sgd(float weightDecay) {
            this.weightDecay = weightDecay;
        }

        @Override
        public void step(Kernels kernels, F32Vector params, F32Vector grads, float lr, long step, int threads) {
            this.lr = lr;
            update.run(kernels, threads, params, grads, null, null);
        }

        private void apply(Kernels kernels, F32Vector params, F32Vector grads, F32Vector unused1, F32Vector unused2) {
            if (weightDecay != 0f) {
                kernels.l2WeightDecay(grads, params, weightDecay);
            }
            kernels.sgdUpdate(params, grads, lr);
        }

        @Override
        public F32Vector[] state() {
            return new F32Vector[0];
        }

        @Override
        public void close() {
        }
    }

    /** Heavy-ball or Nesterov momentum, with optional L2 weight decay. */
    final class Momentum implements Optimizer {
        private final OffHeap memory = OffHeap.shared();
        private final F32Vector velocity;
        private final float mu;
        private final boolean nesterov;
        private final float weightDecay;
        private final PartedUpdate update = new PartedUpdate(this::apply);
        private float lr;

        public Momentum(int parameters, float mu, boolean nesterov, float weightDecay) {
            this.velocity = memory.f32Vector(parameters);
            this.mu = mu;
            this.nesterov = nesterov;
            this.weightDecay = weightDecay;
        }

        @Override
        public void step(Kernels kernels, F32Vector params, F32Vector grads, float lr, long step, int threads) {
            this.lr = lr;
            update.run(kernels, threads, params, grads, velocity, null);
        }

        private void apply(Kernels kernels, F32Vector params, F32Vector grads, F32Vector velocityPart,
                           F32Vector unused) {
            if (weightDecay != 0f) {
                kernels.l2WeightDecay(grads, params, weightDecay);
            }
            kernels.momentumUpdate(params, grads, velocityPart, lr, mu, nesterov);
        }

        @Override
        public F32Vector[] state() {
            return new F32Vector[] {velocity};
        }

        @Override
        public void close() {
            memory.close();
        }
    }

    /** Adam with bias correction; AdamW when {@code decoupled} (weight decay applied to the weights directly). */
    final class Adam implements Optimizer {
        private final OffHeap memory = OffHeap.shared();
        private final F32Vector m;
        private final F32Vector v;
        private final float beta1;
        private final float beta2;
        private final float eps;
        private final float weightDecay;
        private final boolean decoupled;
        private final PartedUpdate update = new PartedUpdate(this::apply);
        private float lr;
        private long step;

        public Adam(int parameters, float beta1, float beta2, float eps, float weightDecay, boolean decoupled) {
            this.m = memory.f32Vector(parameters);
            this.v = memory.f32Vector(parameters);
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.eps = eps;
            this.weightDecay = weightDecay;
            this.decoupled = decoupled;
        }

        @Override
        public void step(Kernels kernels, F32Vector params, F32Vector grads, float lr, long step, int threads) {
            this.lr = lr;
            this.step = step;
            update.run(kernels, threads, params, grads, m, v);
        }

        private void apply(Kernels kernels, F32Vector params, F32Vector grads, F32Vector mPart, F32Vector vPart) {
            if (decoupled) {
                kernels.adamWUpdate(params, grads, mPart, vPart, lr, beta1, beta2, eps, weightDecay, step);
            } else {
                if (weightDecay != 0f) {
                    kernels.l2WeightDecay(grads, params, weightDecay);
                }
                kernels.adamUpdate(params, grads, mPart, vPart, lr, beta1, beta2, eps, step);
            }
        }

        @Override
        public F32Vector[] state() {
            return new F32Vector[] {m, v};
        }

        @Override
        public void close() {
            memory.close();
        }
    }

    /** sgd, momentum, nesterov, adam or adamw, with the usual defaults (momentum 0.9; Adam 0.9, 0.999, 1e-8). */
    static Optimizer create(String name, int parameters, float weightDecay) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "sgd" -> new Sgd(weightDecay);
            case "momentum" -> new Momentum(parameters, 0.9f, false, weightDecay);
            case "nesterov" -> new Momentum(parameters, 0.9f, true, weightDecay);
            case "adam" -> new Adam(parameters, 0.9f, 0.999f, 1e-8f, weightDecay, false);
            case "adamw" -> new Adam(parameters, 0.9f, 0.999f, 1e-8f, weightDecay == 0f ? 0.01f : weightDecay, true);
            default -> throw new IllegalArgumentException("unknown optimizer '" + name
                    + "': expected sgd, momentum, nesterov, adam or adamw");
        };
    }
}
