package dev.spool.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Percentiles of samples, and medians with their spread over rounds. */
final class Stats {
  private Stats() {}

  /** A median over rounds, with the lowest and highest round. */
  record Spread(double median, double min, double max, int n) {
    String ms() {
      return n == 0
          ? "–"
          : n == 1
              ? fmt(median / 1000)
              : fmt(median / 1000) + " [" + fmt(min / 1000) + "–" + fmt(max / 1000) + "]";
    }

    String plain() {
      return n == 0
          ? "–"
          : n == 1 ? fmt(median) : fmt(median) + " [" + fmt(min) + "–" + fmt(max) + "]";
    }
  }

  static Spread spread(List<Double> values) {
    if (values.isEmpty()) {
      return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    List<Double> v = new ArrayList<>(values);
    Collections.sort(v);
    int n = v.size();
    double median = n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    return new Spread(median, v.get(0), v.get(n - 1), n);
  }

  static long[] sorted(JsonNode micros) {
    long[] a = new long[micros.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = micros.get(i).asLong();
    }
    Arrays.sort(a);
    return a;
  }

  static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /** Three significant digits, no exponent. */
  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    double a = Math.abs(v);
    String f = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
    return String.format(Locale.ROOT, f, v);
  }

  static String ratio(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "–" : fmt(v) + "x";
  }
}
