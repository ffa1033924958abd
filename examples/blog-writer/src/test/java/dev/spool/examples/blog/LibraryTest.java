package dev.spool.examples.blog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.examples.common.Html;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LibraryTest {
  private final Library library = Offline.LIBRARY;

  @Test
  void shipsThirtyOddArticlesEachWithATitleAndParagraphs() {
    assertThat(library.documents()).hasSizeGreaterThanOrEqualTo(30);
    for (Document d : library.documents()) {
      assertThat(d.title()).as(d.slug()).isNotBlank().doesNotStartWith("#");
      assertThat(d.paragraphs()).as(d.slug()).hasSizeGreaterThanOrEqualTo(3);
      assertThat(d.url()).isEqualTo("https://library.example/" + d.slug());
    }
  }

  @ParameterizedTest
  @CsvSource({
    "token bucket rate limiter, rate-limiting",
    "reconnect to an event stream with Last-Event-ID, resumable-streams",
    "zombie worker fencing token, fencing-tokens",
    "retry with exponential backoff and jitter, retries-backoff",
    "providers answer 429 Retry-After, provider-rate-limits",
    "wait for a human approval signal, human-in-the-loop",
  })
  void searchRanksTheArticleAboutTheQueryFirst(String query, String slug) {
    List<Hit> hits = library.search(query, 5);

    assertThat(hits).isNotEmpty();
    assertThat(hits.get(0).url()).isEqualTo("https://library.example/" + slug);
    assertThat(hits).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
    assertThat(hits.get(0).snippet()).isNotBlank();
  }

  @Test
  void searchFindsNothingForWordsTheLibraryLacksAndHonoursTheLimit() {
    assertThat(library.search("zebra giraffe", 5)).isEmpty();
    assertThat(library.search("the", 5)).isEmpty();
    assertThat(library.search("agent", 3)).hasSize(3);
  }

  @Test
  void servesAnIndexAndEveryArticleAsHtmlAndNothingElse() {
    String index = library.page(Library.HOST, "/").orElseThrow();
    assertThat(Html.links(index, Library.BASE_URL))
        .filteredOn(link -> !link.equals(Library.BASE_URL))
        .hasSize(library.documents().size());

    String page = library.page(Library.HOST, "/checkpoints").orElseThrow();
    assertThat(Html.title(page)).contains("Checkpoints turn crashes into pauses");
    assertThat(Html.text(Html.main(page)))
        .startsWith("Checkpoints turn crashes into pauses\nA checkpoint is the recorded result");

    assertThat(library.page(Library.HOST, "/no-such-article")).isEmpty();
    assertThat(library.page("other.example", "/checkpoints")).isEmpty();
  }
}
