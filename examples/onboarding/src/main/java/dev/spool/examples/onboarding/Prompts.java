package dev.spool.examples.onboarding;

import dev.spool.llm.Prompt;
import java.net.URI;

/** The extraction prompt: one per page. The {@link OfflineExtractor} reads the same labels. */
final class Prompts {
  static final String EXTRACT =
      "You extract facts about a company from one page of its own website. You state only what the"
          + " page says.";

  static final String SHAPE =
      "{\"pageType\": \"home|about|team|person|products|product|customers|customer|offices|office"
          + "|blog|post|press|release|careers|job|contact|other\", \"company\": {\"name\": \"…\","
          + " \"tagline\": \"…\", \"founded\": \"…\", \"headquarters\": \"City, Country\","
          + " \"employees\": \"…\", \"email\": \"…\", \"phone\": \"…\"}, \"people\": [{\"name\":"
          + " \"…\", \"title\": \"…\"}], \"products\": [{\"name\": \"…\", \"summary\": \"…\","
          + " \"price\": \"…\"}], \"customers\": [\"…\"], \"offices\": [\"City, Country\"],"
          + " \"investors\": [\"…\"], \"technologies\": [\"…\"]}";

  /** Longest page text pasted into a prompt. */
  private static final int TEXT_CHARS = 6_000;

  private Prompts() {}

  static Prompt extract(Page page) {
    URI u = URI.create(page.url());
    String text =
        page.text().length() > TEXT_CHARS ? page.text().substring(0, TEXT_CHARS) : page.text();
    return Prompt.of(
            "Site: "
                + u.getScheme()
                + "://"
                + u.getHost()
                + "/\nPage: "
                + page.url()
                + "\nTitle: "
                + page.title()
                + "\n\nText:\n"
                + text
                + "\n\nExtract the facts this page states about the company itself, as JSON of"
                + " this shape: "
                + SHAPE
                + "\nLeave out company keys the page does not state, and use [] for lists it has"
                + " nothing for. People are the company's own staff; customers are companies that"
                + " use its products; technologies are the tools it builds with.")
        .withSystem(EXTRACT)
        .withMaxTokens(1_200);
  }
}
