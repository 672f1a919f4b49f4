package dev.rosenblatt.verify.checks;

import java.util.ArrayList;
import java.util.List;

/** Every check the harness knows, in report order: one or more per kernel of kernels/, then the networks. */
public final class Checks {

    private Checks() {
    }

    public static List<KernelCheck> all() {
        List<KernelCheck> all = new ArrayList<>();
        all.addAll(GemmChecks.all());
        all.addAll(Blas1Checks.all());
        all.addAll(ActivationChecks.all());
        all.addAll(SoftmaxChecks.all());
        all.addAll(BiasChecks.all());
        all.addAll(LossChecks.all());
        all.addAll(ReductionChecks.all());
        all.addAll(OptimizerChecks.all());
        all.addAll(GradientChecks.all());
        all.addAll(NetworkChecks.all());
        return all;
    }
}
