package dev.rosenblatt.verify.harness;

/**
 * Accumulates the errors of one kernel's results against their references and whether each stayed within its
 * bound. Float32 results count ulps between float32 values (the reference rounded to float), float64 results
 * between doubles. Non-finite results where the reference is finite are errors of infinite size.
 */
public final class ErrorStats {

    private final boolean f32;
    private long inputs;
    private double maxAbs;
    private double maxRel;
    private long maxUlp;
    private double maxRatio = Double.NaN;
    private long violations;
    private String worst = "";
    private double worstScore = -1;

    public ErrorStats(boolean f32) {
        this.f32 = f32;
    }

    /**
     * Records one result. {@code ok} is the caller's verdict against the bound; {@code ratio} the error over its
     * scale (NaN when not applicable); {@code where} describes the input, evaluated only for the worst.
     */
    public boolean record(double got, double ref, double ratio, boolean ok, java.util.function.Supplier<String> where) {
        inputs++;
        double abs;
        long ulp;
        if (Double.isNaN(got) && Double.isNaN(ref) || got == ref) {
            abs = 0;
            ulp = 0;
        } else if (!Double.isFinite(got) || !Double.isFinite(ref)) {
            abs = Double.POSITIVE_INFINITY;
            ulp = Long.MAX_VALUE;
        } else {
            abs = Math.abs(got - ref);
            ulp = f32 ? Ulps.distance((float) got, (float) ref) : Ulps.distance(got, ref);
        }
        double rel = abs == 0 ? 0 : abs / Math.abs(ref);
        maxAbs = Math.max(maxAbs, abs);
        maxRel = Math.max(maxRel, rel);
        maxUlp = Math.max(maxUlp, ulp);
        if (!Double.isNaN(ratio)) {
            maxRatio = Double.isNaN(maxRatio) ? ratio : Math.max(maxRatio, ratio);
        }
        double score = ok ? (Double.isNaN(ratio) ? ulp : ratio) : Double.POSITIVE_INFINITY;
        if (!ok) {
            violations++;
        }
        if (score > worstScore || (!ok && violations == 1)) {
            worstScore = score;
            worst = where.get() + " -> " + got + " (ref " + ref + ")";
        }
        return ok;
    }

    public Row row(String kernel, String provider, int width, String bound) {
        return new Row(kernel, provider, width, inputs, maxAbs, maxRel, maxUlp, maxRatio, bound, violations, worst,
                violations == 0 && inputs > 0);
    }
}
