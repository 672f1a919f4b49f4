package dev.rosenblatt.verify.checks;

import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.verify.harness.Row;

/** One named measurement of one kernel against its reference, for one provider. */
public interface KernelCheck {

    /** The name used by {@code --kernel} and in the report. */
    String name();

    /** Measures the kernel of {@code kernels}; provider and width only label the row. */
    Row run(Kernels kernels, String provider, int width);

    static KernelCheck of(String name, Measure measure) {
        return new KernelCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Row run(Kernels kernels, String provider, int width) {
                return measure.run(kernels, provider, width);
            }
        };
    }

    @FunctionalInterface
    interface Measure {
        Row run(Kernels kernels, String provider, int width);
    }
}
