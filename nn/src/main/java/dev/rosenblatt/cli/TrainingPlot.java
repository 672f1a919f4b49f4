package dev.rosenblatt.cli;

import dev.rosenblatt.nn.train.EpochStats;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The loss and accuracy curves of a training run, side by side in one PNG. */
final class TrainingPlot {

    private TrainingPlot() {
    }

    static void write(Path file, List<EpochStats> epochs, String title) throws IOException {
        System.setProperty("java.awt.headless", "true"); // no display needed, and none on a server
        XYSeries trainLoss = new XYSeries("train loss");
        XYSeries checkLoss = new XYSeries("test/validation loss");
        XYSeries trainAcc = new XYSeries("train accuracy");
        XYSeries checkAcc = new XYSeries("test/validation accuracy");
        for (EpochStats s : epochs) {
            trainLoss.add(s.epoch(), s.trainLoss());
            trainAcc.add(s.epoch(), s.trainAccuracy());
            if (!Double.isNaN(s.validationLoss())) {
                checkLoss.add(s.epoch(), s.validationLoss());
                checkAcc.add(s.epoch(), s.validationAccuracy());
            }
        }
        XYSeriesCollection losses = new XYSeriesCollection(trainLoss);
        losses.addSeries(checkLoss);
        XYSeriesCollection accuracies = new XYSeriesCollection(trainAcc);
        accuracies.addSeries(checkAcc);
        JFreeChart loss = ChartFactory.createXYLineChart(title + ": loss", "epoch", "loss", losses,
                PlotOrientation.VERTICAL, true, false, false);
        JFreeChart accuracy = ChartFactory.createXYLineChart(title + ": accuracy", "epoch", "accuracy", accuracies,
                PlotOrientation.VERTICAL, true, false, false);
        int w = 640;
        int h = 420;
        BufferedImage image = new BufferedImage(2 * w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        loss.draw(g, new java.awt.geom.Rectangle2D.Double(0, 0, w, h));
        accuracy.draw(g, new java.awt.geom.Rectangle2D.Double(w, 0, w, h));
        g.dispose();
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available to write " + file);
        }
    }
}
