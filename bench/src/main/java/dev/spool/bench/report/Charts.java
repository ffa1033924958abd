package dev.spool.bench.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's PNG charts (XChart). */
final class Charts {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 480;

  private Charts() {}

  /** Cumulative distribution of latencies per series, log x in ms. */
  static void cdf(Path file, String title, Map<String, long[]> sortedMicros) throws IOException {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle("latency (ms, log scale)")
            .yAxisTitle("share of runs at or below (%)")
            .build();
    style(chart.getStyler());
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(100.0);
    chart.getStyler().setYAxisDecimalPattern("#");
    for (var e : sortedMicros.entrySet()) {
      long[] s = e.getValue();
      if (s.length == 0) {
        continue;
      }
      int points = Math.min(s.length, 400);
      double[] x = new double[points];
      double[] y = new double[points];
      for (int i = 0; i < points; i++) {
        int idx = (int) ((long) i * (s.length - 1) / Math.max(1, points - 1));
        x[i] = Math.max(0.001, s[idx] / 1000.0);
        y[i] = 100.0 * (idx + 1) / s.length;
      }
      chart.addSeries(e.getKey(), x, y).setMarker(SeriesMarkers.NONE);
    }
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  /** Grouped bars: one group per category, one bar per series. */
  static void bars(
      Path file,
      String title,
      String xTitle,
      String yTitle,
      boolean logY,
      List<String> categories,
      Map<String, List<Double>> series)
      throws IOException {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    style(chart.getStyler());
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    double smallest = Double.MAX_VALUE;
    for (var e : series.entrySet()) {
      List<Double> v = e.getValue().stream().map(d -> Double.isNaN(d) ? 0.0 : d).toList();
      if (logY) {
        v = v.stream().map(d -> Math.max(d, 0.001)).toList();
      }
      for (double d : v) {
        smallest = Math.min(smallest, d);
      }
      chart.addSeries(e.getKey(), categories, v);
    }
    if (logY) {
      // Bars grow from the axis minimum, which a log axis must keep above zero.
      chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(smallest))));
    }
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static void style(Styler s) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(false);
    s.setLegendBorderColor(Color.LIGHT_GRAY);
    s.setAntiAlias(true);
  }
}
