package dev.rosenblatt.verify.harness;

/**
 * One line of the report: a kernel measured on one provider (and SIMD width; 0 for scalar) over {@code inputs}
 * elements. maxRatio is the largest error divided by the kernel's error scale (see {@code bound}), NaN where the
 * bound is in ulps only. Serialised as is by jackson.
 */
public record Row(String kernel, String provider, int width, long inputs, double maxAbs, double maxRel, long maxUlp,
                  double maxRatio, String bound, long violations, String worst, boolean pass) {
}
