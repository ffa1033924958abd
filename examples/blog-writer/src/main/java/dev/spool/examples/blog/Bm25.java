package dev.spool.examples.blog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Okapi BM25 over a fixed set of documents: rare query terms count more (inverse document
 * frequency), repeats count less and less (k1), and long documents do not win by length alone (b).
 * A title counts twice, the way a heading says more about a page than a sentence in it.
 */
final class Bm25 {
  private static final double K1 = 1.2;
  private static final double B = 0.75;
  private static final Set<String> STOP =
      Set.of(
          "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "do", "does", "for",
          "from", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its", "more", "most",
          "no", "not", "of", "on", "one", "or", "so", "such", "than", "that", "the", "their",
          "them", "then", "there", "these", "they", "this", "to", "too", "was", "we", "what",
          "when", "where", "which", "while", "who", "why", "will", "with", "without", "you",
          "your");

  /** One scored document: its index in the list given to the constructor. */
  record Scored(int doc, double score) {}

  private final List<Map<String, Integer>> termCounts = new ArrayList<>();
  private final int[] lengths;
  private final Map<String, Integer> documentFrequency = new HashMap<>();
  private final double averageLength;

  /** Indexes documents given as (title, body). */
  Bm25(List<String[]> titleAndBody) {
    lengths = new int[titleAndBody.size()];
    long total = 0;
    for (int i = 0; i < titleAndBody.size(); i++) {
      Map<String, Integer> counts = new HashMap<>();
      List<String> title = terms(titleAndBody.get(i)[0]);
      for (String t : title) {
        counts.merge(t, 2, Integer::sum);
      }
      List<String> body = terms(titleAndBody.get(i)[1]);
      for (String t : body) {
        counts.merge(t, 1, Integer::sum);
      }
      counts.keySet().forEach(t -> documentFrequency.merge(t, 1, Integer::sum));
      termCounts.add(counts);
      lengths[i] = 2 * title.size() + body.size();
      total += lengths[i];
    }
    averageLength = lengths.length == 0 ? 1 : (double) total / lengths.length;
  }

  /** The {@code limit} best documents for {@code query}, best first; ties by index. */
  List<Scored> search(String query, int limit) {
    List<String> q = terms(query).stream().distinct().toList();
    List<Scored> scored = new ArrayList<>();
    int n = termCounts.size();
    for (int d = 0; d < n; d++) {
      double score = 0;
      for (String t : q) {
        Integer tf = termCounts.get(d).get(t);
        if (tf == null) {
          continue;
        }
        int df = documentFrequency.get(t);
        double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        double norm = K1 * (1 - B + B * lengths[d] / averageLength);
        score += idf * tf * (K1 + 1) / (tf + norm);
      }
      if (score > 0) {
        scored.add(new Scored(d, score));
      }
    }
    scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparingInt(Scored::doc));
    return scored.subList(0, Math.min(limit, scored.size()));
  }

  /** Lower-cased words without stop words, with plurals and common endings folded. */
  static List<String> terms(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      if (w.length() < 2 || STOP.contains(w)) {
        continue;
      }
      out.add(stem(w));
    }
    return out;
  }

  /** A light suffix stripper: enough to make "retries" meet "retry" and "streams" meet "stream". */
  static String stem(String w) {
    if (w.length() > 4 && w.endsWith("ies")) {
      return w.substring(0, w.length() - 3) + "y";
    }
    if (w.length() > 5 && w.endsWith("ing")) {
      return w.substring(0, w.length() - 3);
    }
    if (w.length() > 4 && w.endsWith("ed") && !w.endsWith("eed")) {
      return w.substring(0, w.length() - 2);
    }
    if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us")) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }
}
