package dev.rosenblatt.bench.compare;

import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One benchmark measured twice: the relative change of the median score, a bootstrap confidence interval for it,
 * the Mann-Whitney U p-value, and whether that makes a regression.
 *
 * <p>{@code change} is {@code median(current) / median(baseline) - 1} in the file's own unit, so its sign means
 * "faster" for throughput and "slower" for times; {@code worsening} is the change turned so that positive is
 * always worse. A regression is a change that is both significant (p < alpha) and worse than the threshold.
 *
 * @param ciLow  lower end of the (1 - alpha) percentile bootstrap interval of {@code change}
 * @param ciHigh upper end of that interval
 */
public record BenchmarkComparison(JmhResult baseline, JmhResult current, double change, double ciLow,
                                  double ciHigh, double pValue, double worsening, boolean regression) {

    /** Bootstrap resamples; a fixed seed makes a comparison reproducible. */
    private static final int RESAMPLES = 2000;
    private static final long SEED = 20261125L;

    public static BenchmarkComparison of(JmhResult baseline, JmhResult current, double alpha, double threshold) {
        double[] b = baseline.samples();
        double[] c = current.samples();
        double change = ratio(b, c) - 1;
        double[] ci = bootstrap(b, c, alpha);
        // Identical samples give NaN in commons-math3's normal approximation (zero variance): no difference at all.
        double p = Arrays.equals(b, c) ? 1.0 : new MannWhitneyUTest().mannWhitneyUTest(b, c);
        if (Double.isNaN(p)) {
            p = 1.0;
        }
        double worsening = current.higherIsBetter() ? -change : change;
        boolean regression = p < alpha && worsening > threshold;
        return new BenchmarkComparison(baseline, current, change, ci[0], ci[1], p, worsening, regression);
    }

    /**
     * The smallest two-sided p-value the Mann-Whitney test (normal approximation, as commons-math3 3.6 computes it)
     * can give for samples of these sizes: with 3 against 3 it is 0.05, so such runs can never be significant at
     * 0.01.
     */
    public static double smallestPossibleP(int n1, int n2) {
        double mean = n1 * (double) n2 / 2;
        double sd = Math.sqrt(n1 * (double) n2 * (n1 + n2 + 1) / 12.0);
        double z = mean / sd;
        return 2 * (1 - new org.apache.commons.math3.distribution.NormalDistribution().cumulativeProbability(z));
    }

    private static double ratio(double[] baseline, double[] current) {
        return new Median().evaluate(current) / new Median().evaluate(baseline);
    }

    /** Percentile bootstrap of the ratio of medians, each side resampled on its own. */
    private static double[] bootstrap(double[] baseline, double[] current, double alpha) {
        SplittableRandom random = new SplittableRandom(SEED);
        double[] ratios = new double[RESAMPLES];
        double[] rb = new double[baseline.length];
        double[] rc = new double[current.length];
        for (int r = 0; r < RESAMPLES; r++) {
            for (int i = 0; i < rb.length; i++) {
                rb[i] = baseline[random.nextInt(baseline.length)];
            }
            for (int i = 0; i < rc.length; i++) {
                rc[i] = current[random.nextInt(current.length)];
            }
            ratios[r] = ratio(rb, rc) - 1;
        }
        Arrays.sort(ratios);
        int lo = (int) Math.floor(alpha / 2 * (RESAMPLES - 1));
        int hi = (int) Math.ceil((1 - alpha / 2) * (RESAMPLES - 1));
        return new double[] {ratios[lo], ratios[hi]};
    }
}
