package dev.spool.examples.blog;

import dev.spool.Json;
import dev.spool.examples.common.OfflineModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The blog writer's model when no real one is configured. It does each task the plain, extractive
 * way: searches are the topic with two angles, the outline follows the best sources, a section is
 * the sentences of its sources that best match its heading, and the edit adds an introduction and a
 * conclusion. Deterministic: the same prompt always gets the same reply, so a run that resumes
 * after a crash writes the same post.
 */
public final class OfflineWriter implements OfflineModel {
  private static final Pattern SOURCE_HEAD = Pattern.compile("\\[(\\d+)] (.+) \\((\\S+)\\)");
  private static final int SECTION_WORDS = 140;

  /** A source as a prompt lists it. */
  private record Listed(int number, String title, List<String> sentences) {}

  @Override
  public String reply(String system, String user) {
    if (system.startsWith(Prompts.PLAN)) {
      return plan(user);
    }
    if (system.startsWith(Prompts.OUTLINE)) {
      return outline(user);
    }
    if (system.startsWith(Prompts.SECTION)) {
      return section(user);
    }
    if (system.startsWith(Prompts.EDIT)) {
      return edit(user);
    }
    return "This offline model only writes blog posts.";
  }

  private static String plan(String user) {
    String topic = field(user, "Topic");
    List<String> words = new ArrayList<>();
    for (String w : topic.split("\\s+")) {
      if (!Set.of("a", "an", "and", "for", "in", "of", "on", "the", "to", "with").contains(w)) {
        words.add(w);
      }
    }
    String keywords = String.join(" ", words);
    return Json.write(
        new ResearchPlan(
            List.of(topic, keywords + " failure and recovery", keywords + " in production")));
  }

  private static String outline(String user) {
    String topic = field(user, "Topic");
    int n = Integer.parseInt(field(user, "Sections"));
    List<Listed> sources = sources(user);
    List<Outline.SectionPlan> sections = new ArrayList<>();
    for (int i = 0; i < n && !sources.isEmpty(); i++) {
      Listed primary = sources.get(i % sources.size());
      List<Integer> cited = new ArrayList<>(List.of(primary.number()));
      if (i + n < sources.size()) {
        cited.add(sources.get(i + n).number());
      }
      String brief = primary.sentences().isEmpty() ? primary.title() : primary.sentences().get(0);
      sections.add(new Outline.SectionPlan(primary.title(), brief, cited));
    }
    return Json.write(new Outline(title(topic), sections));
  }

  private static String title(String topic) {
    String t = capitalize(topic);
    List<String> forms =
        List.of(
            t + ": what it takes",
            t + ", in practice",
            "A practical guide to " + lower(topic),
            t + ": a field guide for engineers");
    return forms.get(Math.floorMod(topic.toLowerCase(Locale.ROOT).hashCode(), forms.size()));
  }

  private static String section(String user) {
    Set<String> wanted = new HashSet<>();
    wanted.addAll(Bm25.terms(field(user, "Topic")));
    wanted.addAll(
        Bm25.terms(user.lines().filter(l -> l.startsWith("Section ")).findFirst().orElse("")));
    wanted.addAll(Bm25.terms(field(user, "Brief")));
    record Candidate(int source, int position, String sentence, long score) {}
    List<Candidate> all = new ArrayList<>();
    for (Listed s : sources(user)) {
      for (int i = 0; i < s.sentences().size(); i++) {
        String sentence = s.sentences().get(i);
        long score = Bm25.terms(sentence).stream().distinct().filter(wanted::contains).count();
        all.add(new Candidate(s.number(), i, sentence, score));
      }
    }
    List<Candidate> ranked = new ArrayList<>(all);
    ranked.sort(Comparator.comparingLong(Candidate::score).reversed());
    List<Candidate> chosen = new ArrayList<>();
    int words = 0;
    for (Candidate c : ranked) {
      if (words >= SECTION_WORDS) {
        break;
      }
      chosen.add(c);
      words += c.sentence().split("\\s+").length;
    }
    chosen.sort(Comparator.comparingInt(Candidate::source).thenComparingInt(Candidate::position));
    int half = (chosen.size() + 1) / 2;
    return paragraph(
            chosen.subList(0, half).stream().map(c -> Map.entry(c.source(), c.sentence())).toList())
        + "\n\n"
        + paragraph(
            chosen.subList(half, chosen.size()).stream()
                .map(c -> Map.entry(c.source(), c.sentence()))
                .toList());
  }

  /** Sentences joined, with the numbers of their sources cited at the end. */
  private static String paragraph(List<Map.Entry<Integer, String>> sentences) {
    StringBuilder sb = new StringBuilder();
    Set<Integer> cited = new TreeSet<>();
    for (Map.Entry<Integer, String> s : sentences) {
      if (!sb.isEmpty()) {
        sb.append(' ');
      }
      sb.append(s.getValue());
      cited.add(s.getKey());
    }
    for (int n : cited) {
      sb.append(" [").append(n).append(']');
    }
    return sb.toString();
  }

  private static String edit(String user) {
    String topic = field(user, "Topic");
    String title = field(user, "Title");
    int at = user.indexOf("Draft:");
    String draft = at < 0 ? "" : user.substring(at + "Draft:".length()).strip();
    List<String> headings = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    for (String part : ("\n" + draft).split("\n## ")) {
      if (part.isBlank()) {
        continue;
      }
      int nl = part.indexOf('\n');
      headings.add(nl < 0 ? part.strip() : part.substring(0, nl).strip());
      bodies.add(nl < 0 ? "" : part.substring(nl).strip());
    }
    StringBuilder post = new StringBuilder("# ").append(title).append("\n\n");
    post.append(capitalize(topic))
        .append(" is easy to describe and harder to get right. This post walks through it in ")
        .append(headings.size())
        .append(" parts: ")
        .append(list(headings))
        .append(".\n\n");
    for (int i = 0; i < headings.size(); i++) {
      post.append("## ")
          .append(headings.get(i))
          .append("\n\n")
          .append(bodies.get(i))
          .append("\n\n");
    }
    post.append("## Conclusion\n\n")
        .append("None of these ideas is new, but together they decide whether ")
        .append(lower(topic))
        .append(" holds up in production. Start with the one your system lacks today");
    if (!headings.isEmpty()) {
      post.append(", and revisit \"").append(headings.get(0)).append("\" when in doubt");
    }
    return post.append('.').toString();
  }

  /** "a, b and c", each in quotes. */
  private static String list(List<String> items) {
    List<String> quoted = items.stream().map(s -> "\"" + s + "\"").toList();
    if (quoted.size() <= 1) {
      return String.join("", quoted);
    }
    return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " and " + quoted.getLast();
  }

  /** The sources listed in a prompt, each split into sentences (its title line left out). */
  private static List<Listed> sources(String user) {
    int at = user.indexOf("Sources:");
    List<Listed> out = new ArrayList<>();
    if (at < 0) {
      return out;
    }
    for (String block : user.substring(at + "Sources:".length()).split("\n\n(?=\\[\\d+] )")) {
      String b = block.strip();
      int nl = b.indexOf('\n');
      Matcher m = SOURCE_HEAD.matcher(nl < 0 ? b : b.substring(0, nl));
      if (!m.matches()) {
        continue;
      }
      List<String> sentences = new ArrayList<>();
      if (nl >= 0) {
        for (String line : b.substring(nl + 1).split("\n")) {
          sentences.addAll(Sentences.split(line));
        }
      }
      out.add(new Listed(Integer.parseInt(m.group(1)), m.group(2), sentences));
    }
    return out;
  }

  /** The value of a {@code Name: value} line, or empty. */
  private static String field(String text, String name) {
    Matcher m =
        Pattern.compile("^" + Pattern.quote(name) + ": (.*)$", Pattern.MULTILINE).matcher(text);
    return m.find() ? m.group(1).strip() : "";
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** Lower-cases the first letter unless the word looks like a name or acronym ("LLM", "Java"). */
  private static String lower(String s) {
    if (s.length() > 1 && Character.isUpperCase(s.charAt(1))) {
      return s;
    }
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
