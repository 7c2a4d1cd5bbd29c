package com.jobladder.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Lateness distributions as percentile curves: x is the percentile on a "nines" scale
 * (log10 of 1/(1-p): 1 = p90, 2 = p99, 3 = p99.9), y the lateness in milliseconds on a log scale.
 */
public final class LatenessChart {
    private static final double[] PERCENTILES = {50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99};
    private final String title;
    private final Map<String, Histogram> series = new LinkedHashMap<>();

    public LatenessChart(String title) {
        this.title = title;
    }

    public void add(String name, Histogram lateness) {
        if (lateness.getTotalCount() > 0) {
            series.put(name, lateness.copy());
        }
    }

    public void write(Path file) {
        if (series.isEmpty()) {
            return;
        }
        XYChart chart = new XYChartBuilder()
                .width(1000)
                .height(600)
                .title(title)
                .xAxisTitle("percentile (1 = p90, 2 = p99, 3 = p99.9, 4 = p99.99)")
                .yAxisTitle("lateness, ms (log scale; 0 drawn as 0.5)")
                .build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        for (Map.Entry<String, Histogram> entry : series.entrySet()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (double p : PERCENTILES) {
                x.add(Math.log10(100.0 / (100.0 - p)));
                y.add(Math.max(0.5, entry.getValue().getValueAtPercentile(p)));
            }
            x.add(Math.log10(100.0 / (100.0 - 99.99)) + 0.3);
            y.add(Math.max(0.5, entry.getValue().getMaxValue()));
            chart.addSeries(entry.getKey(), x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            // 72 DPI is one pixel per point: the size the chart was built at (the plain saveBitmap is deprecated in
            // XChart 4).
            BitmapEncoder.saveBitmapWithDPI(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG, 72);
            System.out.println("(chart " + file + (file.toString().endsWith(".png") ? "" : ".png") + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart " + file, e);
        }
    }
}
