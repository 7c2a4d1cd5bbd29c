package com.jobladder.bench.report;

import com.jobladder.bench.measure.SteadyWindow;
import com.jobladder.bench.measure.Timeline;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Annotation;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One run over time as a PNG: lateness p50, p99 and max of the jobs falling due in each
 * interval (left axis), the backlog of due jobs not yet started (right axis), and the steady
 * window shaded, so that a reader sees whether the window caught a steady state or a system
 * falling behind.
 */
public final class RunChart {
    private RunChart() {}

    public static void write(Path file, String title, Timeline t, SteadyWindow window) {
        XYChart chart = new XYChartBuilder()
                .width(1000)
                .height(600)
                .title(title)
                .xAxisTitle("seconds since the first submission (shaded: steady window)")
                .yAxisTitle("lateness ms (log; 0 drawn as 0.5)")
                .build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setMarkerSize(3);
        lateness(chart, "lateness p50", t, t.p50);
        lateness(chart, "lateness p99", t, t.p99);
        lateness(chart, "lateness max", t, t.max);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int i = 0; i < t.backlog.length; i++) {
            x.add(t.seconds(i));
            y.add(Math.max(0.5, t.backlog[i]));
        }
        XYSeries backlog = chart.addSeries("due, not started (jobs, right axis)", x, y);
        backlog.setYAxisGroup(1);
        backlog.setMarker(SeriesMarkers.NONE);
        backlog.setLineStyle(
                new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        chart.setYAxisGroupTitle(1, "jobs due, not started (log; 0 drawn as 0.5)");
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.addAnnotation(new Shade(
                (window.fromMillis() - t.originMillis) / 1000.0, (window.toMillis() - t.originMillis) / 1000.0));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            // 72 DPI is one pixel per point: the size the chart was built at (the plain saveBitmap is deprecated in
            // XChart 4).
            BitmapEncoder.saveBitmapWithDPI(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG, 72);
            System.out.println("(chart " + file + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart " + file, e);
        }
    }

    private static void lateness(XYChart chart, String name, Timeline t, double[] values) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                x.add(t.seconds(i));
                y.add(Math.max(0.5, values[i]));
            }
        }
        if (!x.isEmpty()) {
            chart.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
        }
    }

    /** A translucent band over the plot from x = from to x = to (chart coordinates). */
    private static final class Shade extends Annotation {
        private final double from;
        private final double to;

        Shade(double from, double to) {
            super(false);
            this.from = from;
            this.to = to;
        }

        @Override
        public void paint(Graphics2D g) {
            int left = getXAxisScreenValue(from);
            int right = getXAxisScreenValue(to);
            int top = getYAxisScreenValueForMax();
            int bottom = getYAxisScreenValueForMin();
            bounds = new Rectangle2D.Double(left, Math.min(top, bottom), right - left, Math.abs(bottom - top));
            g.setColor(new Color(80, 160, 80, 50));
            g.fill(bounds);
        }
    }
}
