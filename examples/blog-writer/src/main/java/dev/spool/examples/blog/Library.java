package dev.spool.examples.blog;

import dev.spool.examples.common.Html;
import dev.spool.examples.common.LocalWeb;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The articles shipped with the example (about durable execution, agents, rate limits and the
 * like), searchable with BM25 and served as the site {@code https://library.example/} by the
 * example's {@link LocalWeb}.
 */
public final class Library implements LocalWeb.Sites {
  /** The library's host on the local web. */
  public static final String HOST = "library.example";

  public static final String BASE_URL = "https://" + HOST + "/";

  private static final String RESOURCES = "/dev/spool/examples/blog/library/";

  private final Map<String, Document> bySlug = new LinkedHashMap<>();
  private final List<Document> documents;
  private final Bm25 index;

  private Library(List<Document> docs) {
    docs.forEach(d -> bySlug.put(d.slug(), d));
    this.documents = List.copyOf(docs);
    List<String[]> indexed = new ArrayList<>();
    docs.forEach(d -> indexed.add(new String[] {d.title(), d.text()}));
    this.index = new Bm25(indexed);
  }

  /** The articles shipped in this module's resources. */
  public static Library load() {
    List<Document> docs = new ArrayList<>();
    for (String slug : read("documents.txt").split("\n")) {
      if (!slug.isBlank()) {
        docs.add(parse(slug.strip(), read(slug.strip() + ".md")));
      }
    }
    return new Library(docs);
  }

  /** A library of the given articles (tests). */
  public static Library of(List<Document> docs) {
    return new Library(docs);
  }

  public List<Document> documents() {
    return documents;
  }

  public Optional<Document> document(String slug) {
    return Optional.ofNullable(bySlug.get(slug));
  }

  /** The best {@code limit} articles for a query, best first, each with its best sentence. */
  public List<Hit> search(String query, int limit) {
    List<String> terms = Bm25.terms(query);
    List<Hit> hits = new ArrayList<>();
    for (Bm25.Scored s : index.search(query, limit)) {
      Document d = documents.get(s.doc());
      hits.add(new Hit(d.url(), d.title(), Math.round(s.score() * 100) / 100.0, snippet(d, terms)));
    }
    return hits;
  }

  /** The sentence with the most query terms (the first of equals). */
  private static String snippet(Document d, List<String> terms) {
    String best = "";
    long bestHits = -1;
    for (String p : d.paragraphs()) {
      for (String sentence : Sentences.split(p)) {
        List<String> st = Bm25.terms(sentence);
        long hits = terms.stream().distinct().filter(st::contains).count();
        if (hits > bestHits) {
          best = sentence;
          bestHits = hits;
        }
      }
    }
    return best;
  }

  /** The library's pages as HTML: an index at {@code /}, an article at {@code /<slug>}. */
  @Override
  public Optional<String> page(String host, String path) {
    if (!host.equals(HOST)) {
      return Optional.empty();
    }
    if (path.equals("/")) {
      StringBuilder list = new StringBuilder();
      documents.forEach(
          d ->
              list.append("<li><a href=\"/")
                  .append(d.slug())
                  .append("\">")
                  .append(Html.escape(d.title()))
                  .append("</a></li>"));
      return Optional.of(html("Library", "<h1>Library</h1><ul>" + list + "</ul>"));
    }
    return document(path.substring(1))
        .map(
            d -> {
              StringBuilder body = new StringBuilder("<h1>" + Html.escape(d.title()) + "</h1>");
              d.paragraphs().forEach(p -> body.append("<p>").append(Html.escape(p)).append("</p>"));
              return html(d.title(), body.toString());
            });
  }

  private static String html(String title, String article) {
    return "<!doctype html><html><head><meta charset=\"utf-8\"><title>"
        + Html.escape(title)
        + "</title></head><body><nav><a href=\"/\">Library</a></nav><article>"
        + article
        + "</article><footer>library.example: articles for the Spool blog-writer example"
        + "</footer></body></html>";
  }

  static Document parse(String slug, String markdown) {
    String[] blocks = markdown.strip().split("\n\\s*\n");
    if (blocks.length < 2 || !blocks[0].startsWith("# ")) {
      throw new IllegalStateException("article " + slug + " must start with '# Title'");
    }
    List<String> paragraphs = new ArrayList<>();
    for (int i = 1; i < blocks.length; i++) {
      paragraphs.add(blocks[i].replaceAll("\\s+", " ").strip());
    }
    return new Document(slug, blocks[0].substring(2).strip(), paragraphs);
  }

  private static String read(String name) {
    try (InputStream in = Library.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCES + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
