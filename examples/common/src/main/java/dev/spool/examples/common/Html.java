package dev.spool.examples.common;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough HTML for reading pages: their title, their text (one paragraph a line), their links.
 * Not a parser; it reads the well-formed pages the examples serve and most simple sites.
 */
public final class Html {
  private static final Pattern TITLE =
      Pattern.compile("<title[^>]*>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern INVISIBLE =
      Pattern.compile(
          "<(script|style|head|noscript)\\b[^>]*>.*?</\\1>",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern BLOCK_END =
      Pattern.compile(
          "</?(p|div|h[1-6]|li|ul|ol|br|tr|section|article|header|footer|nav|main|blockquote)\\b[^>]*>",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern INLINE =
      Pattern.compile(
          "</?(a|span|b|i|em|strong|code|small|abbr|time)\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern TAG = Pattern.compile("<[^>]+>");
  private static final List<Pattern> MAIN =
      List.of(
          Pattern.compile(
              "<article\\b[^>]*>(.*?)</article>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL),
          Pattern.compile("<main\\b[^>]*>(.*?)</main>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL),
          Pattern.compile("<body\\b[^>]*>(.*?)</body>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL));
  private static final Pattern HREF =
      Pattern.compile("<a\\b[^>]*?href\\s*=\\s*[\"']([^\"'#]*)", Pattern.CASE_INSENSITIVE);

  private Html() {}

  /** The {@code <title>}, if there is one. */
  public static Optional<String> title(String html) {
    Matcher m = TITLE.matcher(html);
    return m.find()
        ? Optional.of(collapse(decode(m.group(1)))).filter(t -> !t.isEmpty())
        : Optional.empty();
  }

  /**
   * The page's main content, the way a reader view finds it: its first {@code <article>}, else its
   * {@code <main>}, else its {@code <body>}, else all of it.
   */
  public static String main(String html) {
    for (Pattern p : MAIN) {
      Matcher m = p.matcher(html);
      if (m.find()) {
        return m.group(1);
      }
    }
    return html;
  }

  /** The visible text: one line per paragraph, heading or list item, spaces collapsed. */
  public static String text(String html) {
    String s = INVISIBLE.matcher(html).replaceAll(" ");
    s = BLOCK_END.matcher(s).replaceAll("\n");
    s = INLINE.matcher(s).replaceAll("");
    s = TAG.matcher(s).replaceAll(" ");
    s = decode(s);
    StringBuilder out = new StringBuilder();
    for (String line : s.split("\n")) {
      String l = collapse(line);
      if (!l.isEmpty()) {
        out.append(l).append('\n');
      }
    }
    return out.toString().strip();
  }

  /**
   * The links of a page, absolute, without fragments, in the order they appear, each once. Only
   * http(s) links count.
   */
  public static List<String> links(String html, String pageUrl) {
    URI base = URI.create(pageUrl);
    Set<String> out = new LinkedHashSet<>();
    Matcher m = HREF.matcher(html);
    while (m.find()) {
      String href = decode(m.group(1)).strip();
      if (href.isEmpty()) {
        continue;
      }
      try {
        URI u = base.resolve(href).normalize();
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http") || scheme.equals("https")) {
          out.add(new URI(scheme, u.getAuthority(), u.getPath(), u.getQuery(), null).toString());
        }
      } catch (IllegalArgumentException | java.net.URISyntaxException e) {
        // not a link we can follow
      }
    }
    return new ArrayList<>(out);
  }

  /** Escapes text for an HTML body or attribute. */
  public static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static String decode(String s) {
    return s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&rsquo;", "’")
        .replace("&mdash;", "—")
        .replace("&amp;", "&");
  }

  private static String collapse(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }
}
