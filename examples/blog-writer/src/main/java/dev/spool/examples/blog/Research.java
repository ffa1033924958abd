package dev.spool.examples.blog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The research's bookkeeping: merging search results, numbering and citing sources. */
final class Research {
  private Research() {}

  /** The {@code limit} best articles over several searches: each once, at its best score. */
  static List<Hit> best(List<List<Hit>> searches, int limit) {
    Map<String, Hit> byUrl = new LinkedHashMap<>();
    for (List<Hit> hits : searches) {
      for (Hit h : hits) {
        byUrl.merge(h.url(), h, (a, b) -> a.score() >= b.score() ? a : b);
      }
    }
    List<Hit> all = new ArrayList<>(byUrl.values());
    all.sort(Comparator.comparingDouble(Hit::score).reversed().thenComparing(Hit::url));
    return List.copyOf(all.subList(0, Math.min(limit, all.size())));
  }

  /** The pages as sources, numbered from 1 in order. */
  static List<Source> numbered(List<Page> pages) {
    List<Source> out = new ArrayList<>();
    for (int i = 0; i < pages.size(); i++) {
      Page p = pages.get(i);
      out.add(new Source(i + 1, p.url(), p.title(), p.text()));
    }
    return List.copyOf(out);
  }

  /** The sources with these numbers, in the order given. */
  static List<Source> cited(List<Source> sources, List<Integer> numbers) {
    List<Source> out = new ArrayList<>();
    for (int n : numbers) {
      sources.stream().filter(s -> s.number() == n).findFirst().ifPresent(out::add);
    }
    return out.isEmpty() ? sources : out;
  }

  static int words(String text) {
    return text.isBlank() ? 0 : text.strip().split("\\s+").length;
  }
}
