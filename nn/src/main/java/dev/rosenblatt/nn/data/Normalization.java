package dev.rosenblatt.nn.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rosenblatt.kernels.memory.F32Matrix;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * A per-feature affine map x' = (x - shift[j]) * scale[j], fitted on the training set and then applied unchanged
 * to validation, test and prediction inputs (fitting on those would leak them into training). Save it with the
 * model ({@link #toJson()}, or {@link #shift()} and {@link #scale()} as tensors) so predictions see the same map.
 */
public final class Normalization {

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    // Exact decimals on reading, so that BigDecimal rounds each value to float once: the floats round-trip.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final String kind;
    private final float[] shift;
    private final float[] scale;

    private Normalization(String kind, float[] shift, float[] scale) {
        this.kind = kind;
        this.shift = shift;
        this.scale = scale;
    }

    /** The map with the given shift and scale per feature (as read back from a model file, say). */
    public static Normalization of(String kind, float[] shift, float[] scale) {
        if (shift.length != scale.length) {
            throw new IllegalArgumentException(shift.length + " shifts for " + scale.length + " scales");
        }
        return new Normalization(kind, shift.clone(), scale.clone());
    }

    /** Leaves every feature as it is. */
    public static Normalization identity(int featureCount) {
        float[] ones = new float[featureCount];
        Arrays.fill(ones, 1f);
        return new Normalization("identity", new float[featureCount], ones);
    }

    /** Divides every feature by {@code maxValue}: pixels 0..255 become 0..1 with {@code maxValue = 255}. */
    public static Normalization scaleToUnit(int featureCount, float maxValue) {
        if (!(maxValue > 0) || Float.isInfinite(maxValue)) {
            throw new IllegalArgumentException("the maximum value must be positive and finite, not " + maxValue);
        }
        float[] scale = new float[featureCount];
        Arrays.fill(scale, 1f / maxValue);
        return new Normalization("scale-to-unit", new float[featureCount], scale);
    }

    /** Maps each feature's range on {@code train} to [0, 1]; a constant feature becomes 0. */
    public static Normalization fitMinMax(Dataset train) {
        int d = train.featureCount();
        double[] min = new double[d];
        double[] max = new double[d];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        float[] row = new float[d];
        for (int i = 0; i < train.size(); i++) {
            readRow(train.features(), i, row);
            for (int j = 0; j < d; j++) {
                min[j] = Math.min(min[j], row[j]);
                max[j] = Math.max(max[j], row[j]);
            }
        }
        float[] shift = new float[d];
        float[] scale = new float[d];
        for (int j = 0; j < d; j++) {
            double range = max[j] - min[j];
            shift[j] = train.size() == 0 ? 0f : (float) min[j];
            scale[j] = range > 0 ? (float) (1 / range) : 1f;
        }
        return new Normalization("min-max", shift, scale);
    }

    /**
     * Standardises each feature to mean 0 and standard deviation 1 on {@code train} (the population deviation,
     * as scikit-learn's StandardScaler); a constant feature is only centred. Sums run in double, in two passes.
     */
    public static Normalization fitStandardize(Dataset train) {
        int d = train.featureCount();
        int n = train.size();
        double[] sum = new double[d];
        float[] row = new float[d];
        for (int i = 0; i < n; i++) {
            readRow(train.features(), i, row);
            for (int j = 0; j < d; j++) {
                sum[j] += row[j];
            }
        }
        double[] mean = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = n == 0 ? 0 : sum[j] / n;
        }
        double[] squares = new double[d];
        for (int i = 0; i < n; i++) {
            readRow(train.features(), i, row);
            for (int j = 0; j < d; j++) {
                double deviation = row[j] - mean[j];
                squares[j] += deviation * deviation;
            }
        }
        float[] shift = new float[d];
        float[] scale = new float[d];
        for (int j = 0; j < d; j++) {
            double std = n == 0 ? 0 : Math.sqrt(squares[j] / n);
            shift[j] = (float) mean[j];
            scale[j] = std > 0 ? (float) (1 / std) : 1f;
        }
        return new Normalization("standardize", shift, scale);
    }

    /** What kind of map this is: identity, scale-to-unit, min-max, standardize, or the name given to {@link #of}. */
    public String kind() {
        return kind;
    }

    /** Number of features the map expects. */
    public int featureCount() {
        return shift.length;
    }

    /** The value subtracted from each feature (a copy). */
    public float[] shift() {
        return shift.clone();
    }

    /** The factor each shifted feature is multiplied by (a copy). */
    public float[] scale() {
        return scale.clone();
    }

    /** Applies the map in place to every row of {@code features}. */
    public void apply(F32Matrix features) {
        if (features.cols() != shift.length || features.isTransposed()) {
            throw new IllegalArgumentException("a normalization of " + shift.length + " features cannot apply to "
                    + features.describe());
        }
        float[] row = new float[shift.length];
        for (int i = 0; i < features.rows(); i++) {
            readRow(features, i, row);
            for (int j = 0; j < row.length; j++) {
                row[j] = (row[j] - shift[j]) * scale[j];
            }
            MemorySegment.copy(row, 0, features.segment(), FLOAT, rowOffset(features, i), row.length);
        }
    }

    /** Applies the map in place to a dataset's features. */
    public void apply(Dataset data) {
        apply(data.features());
    }

    /** {"kind": ..., "shift": [...], "scale": [...]}, for a model file's metadata. */
    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("kind", kind);
        var shiftNode = root.putArray("shift");
        var scaleNode = root.putArray("scale");
        for (int j = 0; j < shift.length; j++) {
            shiftNode.add(shift[j]);
            scaleNode.add(scale[j]);
        }
        return root.toString();
    }

    /** The map {@link #toJson()} wrote; float values round-trip exactly. */
    public static Normalization fromJson(String json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            JsonNode shiftNode = root.path("shift");
            JsonNode scaleNode = root.path("scale");
            if (!shiftNode.isArray() || !scaleNode.isArray() || shiftNode.size() != scaleNode.size()) {
                throw new IllegalArgumentException("a normalization needs arrays shift and scale of equal length: "
                        + json);
            }
            float[] shift = new float[shiftNode.size()];
            float[] scale = new float[scaleNode.size()];
            for (int j = 0; j < shift.length; j++) {
                shift[j] = shiftNode.get(j).decimalValue().floatValue();
                scale[j] = scaleNode.get(j).decimalValue().floatValue();
            }
            return new Normalization(root.path("kind").asText("custom"), shift, scale);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a normalization: " + e.getOriginalMessage(), e);
        }
    }

    private static void readRow(F32Matrix matrix, int i, float[] row) {
        MemorySegment.copy(matrix.segment(), FLOAT, rowOffset(matrix, i), row, 0, row.length);
    }

    private static long rowOffset(F32Matrix matrix, int row) {
        return (matrix.offset() + (long) row * matrix.ld()) * Float.BYTES;
    }
}
