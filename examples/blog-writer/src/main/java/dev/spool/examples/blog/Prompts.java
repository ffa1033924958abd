package dev.spool.examples.blog;

import dev.spool.llm.Prompt;
import java.util.List;

/**
 * The blog writer's prompts, one per model call. The user message carries the material in labelled
 * lines ({@code Topic: …}, numbered sources), which a real model reads as text and the {@link
 * OfflineWriter} parses.
 */
final class Prompts {
  static final String PLAN =
      "You plan the research for a blog post for software engineers. The research searches a"
          + " library of articles about building reliable software and AI agents.";
  static final String OUTLINE =
      "You outline blog posts for software engineers. Use only the numbered sources you are"
          + " given, and give every section the sources it draws on.";
  static final String SECTION =
      "You write one section of a blog post for software engineers: clear and concrete, no"
          + " filler. Write Markdown paragraphs without a heading. Cite sources by their numbers in"
          + " brackets, like [2]. Use only the sources given.";
  static final String EDIT =
      "You edit blog posts for software engineers. Reply with the finished post in Markdown and"
          + " nothing else.";

  /** Longest source text pasted into a prompt; the library's articles fit whole. */
  private static final int SOURCE_CHARS = 2_500;

  private Prompts() {}

  static Prompt plan(String topic) {
    return Prompt.of(
            "Topic: "
                + topic
                + "\n\nPropose 3 searches (2 to 6 words each) that together cover the topic.")
        .withSystem(PLAN)
        .withMaxTokens(200);
  }

  static Prompt outline(OutlineRequest r) {
    return Prompt.of(
            "Topic: "
                + r.topic()
                + "\nSections: "
                + r.sections()
                + "\n\nOutline a blog post on the topic in exactly "
                + r.sections()
                + " sections. Give the post a title, and every section a heading of at most 8"
                + " words, a one-sentence brief of what it says, and the numbers of the sources it"
                + " draws on, like {\"title\": \"…\", \"sections\": [{\"heading\": \"…\", \"brief\":"
                + " \"…\", \"sources\": [1, 2]}]}.\n\n"
                + sources(r.sources()))
        .withSystem(OUTLINE)
        .withMaxTokens(800);
  }

  static Prompt section(SectionRequest r) {
    return Prompt.of(
            "Post: "
                + r.title()
                + "\nTopic: "
                + r.topic()
                + "\nSection "
                + r.number()
                + " of "
                + r.of()
                + ": "
                + r.heading()
                + "\nBrief: "
                + r.brief()
                + "\n\nWrite this section in about 150 words.\n\n"
                + sources(r.sources()))
        .withSystem(SECTION)
        .withMaxTokens(400);
  }

  static Prompt edit(EditRequest r) {
    StringBuilder draft = new StringBuilder();
    for (Section s : r.sections()) {
      draft
          .append("## ")
          .append(s.heading())
          .append("\n\n")
          .append(s.text().strip())
          .append("\n\n");
    }
    return Prompt.of(
            "Topic: "
                + r.topic()
                + "\nTitle: "
                + r.title()
                + "\n\nEdit this draft into the finished post: the title as a \"# \" heading, an"
                + " introduction of two or three sentences, every section under its \"## \""
                + " heading, tightened where it helps, and a conclusion of two or three sentences"
                + " under \"## Conclusion\". Keep the bracketed source numbers. Do not add a list of"
                + " sources; one is added for you.\n\nDraft:\n\n"
                + draft.toString().strip())
        .withSystem(EDIT)
        .withMaxTokens(2_000);
  }

  /** The sources as the prompts list them: {@code [n] Title (url)}, then the text. */
  static String sources(List<Source> sources) {
    StringBuilder sb = new StringBuilder("Sources:");
    for (Source s : sources) {
      String text =
          s.text().length() > SOURCE_CHARS ? s.text().substring(0, SOURCE_CHARS) + " …" : s.text();
      sb.append("\n\n[")
          .append(s.number())
          .append("] ")
          .append(s.title())
          .append(" (")
          .append(s.url())
          .append(")\n")
          .append(text.strip());
    }
    return sb.toString();
  }
}
