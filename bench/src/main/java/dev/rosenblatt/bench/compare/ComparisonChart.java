package dev.rosenblatt.bench.compare;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A PNG of a comparison: one bar per benchmark with its median change in percent (positive = worse, whatever the
 * mode), and, when the current file holds {@code GemmPeersBenchmark} results, GFLOP/s of Rosenblatt and each peer
 * per shape. Drawn off-screen with JFreeChart.
 */
public final class ComparisonChart {

    private static final int WIDTH = 1200;
    private static final int ROW_HEIGHT = 22;

    private ComparisonChart() {
    }

    public static void write(ResultComparison comparison, List<JmhResult> current, Path png) throws IOException {
        // No display on CI or the bench machines; must be set before the first AWT class initialises its toolkit.
        System.setProperty("java.awt.headless", "true");
        List<JFreeChart> charts = new ArrayList<>();
        List<Integer> heights = new ArrayList<>();

        DefaultCategoryDataset changes = new DefaultCategoryDataset();
        for (BenchmarkComparison c : comparison.compared()) {
            changes.addValue(100 * c.worsening(), c.regression() ? "regression" : "change", label(c.current()));
        }
        charts.add(ChartFactory.createBarChart("Change of the median (%, positive = worse)", null, "%", changes,
                PlotOrientation.HORIZONTAL, true, false, false));
        heights.add(160 + ROW_HEIGHT * Math.max(1, comparison.compared().size()));

        DefaultCategoryDataset peers = peerDataset(current);
        if (peers.getRowCount() > 0) {
            charts.add(ChartFactory.createBarChart("GEMM, Rosenblatt and peers (GFLOP/s, 1 thread)", "shape",
                    "GFLOP/s", peers, PlotOrientation.VERTICAL, true, false, false));
            heights.add(500);
        }

        int total = heights.stream().mapToInt(Integer::intValue).sum();
        BufferedImage image = new BufferedImage(WIDTH, total, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            int y = 0;
            for (int i = 0; i < charts.size(); i++) {
                charts.get(i).draw(g, new Rectangle2D.Double(0, y, WIDTH, heights.get(i)));
                y += heights.get(i);
            }
        } finally {
            g.dispose();
        }
        javax.imageio.ImageIO.write(image, "png", png.toFile());
    }

    /** GFLOP/s (the flops counter, else nothing) by peer and shape, from GemmPeersBenchmark results. */
    static DefaultCategoryDataset peerDataset(List<JmhResult> results) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        Map<String, Map<String, Double>> byShape = new TreeMap<>();
        for (JmhResult r : results) {
            Double flops = r.secondary().get("flops");
            if (r.benchmark().contains("GemmPeersBenchmark") && flops != null && r.params().containsKey("peer")) {
                byShape.computeIfAbsent(r.params().getOrDefault("shape", ""), s -> new TreeMap<>())
                        .put(r.params().get("peer"), flops / 1e9);
            }
        }
        byShape.forEach((shape, peers) -> peers.forEach((peer, gflops) -> data.addValue(gflops, peer, shape)));
        return data;
    }

    private static String label(JmhResult r) {
        return r.shortName() + " " + String.join(" ", r.paramList());
    }
}
