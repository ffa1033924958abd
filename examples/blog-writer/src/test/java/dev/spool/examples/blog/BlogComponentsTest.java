package dev.spool.examples.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.RunStatus;
import dev.spool.examples.common.WebPage;
import dev.spool.testkit.ComponentTester;
import dev.spool.testkit.TestRun;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Each blog-writer component alone, through the real engine, in memory, offline. */
class BlogComponentsTest {
  private static final String TOPIC = "rate limits for LLM agents";
  private final BlogWriter writer = Offline.writer();

  private static List<Source> sources(String... slugs) {
    List<Source> out = new java.util.ArrayList<>();
    for (String slug : slugs) {
      Document d = Offline.LIBRARY.document(slug).orElseThrow();
      out.add(new Source(out.size() + 1, d.url(), d.title(), String.join("\n", d.paragraphs())));
    }
    return out;
  }

  @Test
  void planAsksTheModelForDistinctSearches() {
    TestRun<ResearchPlan> run = ComponentTester.create().run(writer.plan(), TOPIC);

    assertThat(run.outputOrThrow().queries())
        .hasSize(3)
        .doesNotHaveDuplicates()
        .first()
        .isEqualTo(TOPIC);
    assertThat(run.attempts("test/plan-research#0/llm#0")).isEqualTo(1);
  }

  @Test
  void searchReturnsTheBestArticlesFirst() {
    List<Hit> hits =
        ComponentTester.create()
            .run(writer.search(), new Query("circuit breaker", 2))
            .outputOrThrow();

    assertThat(hits).hasSize(2);
    assertThat(hits.get(0).title()).startsWith("Circuit breakers");
  }

  @Test
  void fetchKeepsTheArticlesTextWithoutItsNavigation() {
    Hit hit = Offline.LIBRARY.search("fencing token", 1).get(0);
    Page page = ComponentTester.create().run(writer.fetch(), hit).outputOrThrow();

    assertThat(page.title()).isEqualTo("Fencing tokens keep zombie workers out");
    assertThat(page.text()).startsWith("Leases have a dangerous corner case.");
    assertThat(page.text()).doesNotContain("Library").doesNotContain("library.example:");
    assertThat(page.text().lines()).hasSize(3);
  }

  @Test
  void fetchRetriesAPageThatDidNotAnswerAndGivesUpAtOnceOnA404() {
    AtomicInteger calls = new AtomicInteger();
    BlogWriter flaky =
        Offline.writer(
            url -> {
              if (calls.incrementAndGet() <= 2) {
                throw new IOException("connection reset");
              }
              return Offline.web().get(url);
            });
    Hit hit = Offline.LIBRARY.search("fencing token", 1).get(0);
    TestRun<Page> run = ComponentTester.create().run(flaky.fetch(), hit);
    assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(run.events("step.retrying")).hasSize(2);

    BlogWriter gone = Offline.writer(url -> new WebPage(url, 404, "gone"));
    TestRun<Page> missing = ComponentTester.create().run(gone.fetch(), hit);
    assertThat(missing.status()).isEqualTo(RunStatus.FAILED);
    assertThat(missing.events("step.retrying")).isEmpty();
    assertThat(missing.error().orElseThrow()).contains("no page at " + hit.url());
  }

  @Test
  void outlineHasTheSectionsAskedForEachCitingSourcesItWasGiven() {
    OutlineRequest req =
        new OutlineRequest(
            TOPIC, 3, sources("provider-rate-limits", "rate-limiting", "backpressure", "failover"));
    Outline o = ComponentTester.create().run(writer.outline(), req).outputOrThrow();

    assertThat(o.title()).isNotBlank();
    assertThat(o.sections()).hasSize(3);
    assertThat(o.sections().get(0).heading())
        .isEqualTo("Living within an LLM provider's rate limits");
    assertThat(o.sections()).allSatisfy(s -> assertThat(s.sources()).isSubsetOf(1, 2, 3, 4));
  }

  @Test
  void anOutlineIsHeldToTheRequest() {
    OutlineRequest req = new OutlineRequest(TOPIC, 2, sources("rate-limiting", "backpressure"));
    Outline loose =
        new Outline(
            " A title ",
            List.of(
                new Outline.SectionPlan("", "no heading", List.of(1)),
                new Outline.SectionPlan("One", null, List.of(7, 2, 2)),
                new Outline.SectionPlan("Two", "b", null),
                new Outline.SectionPlan("Three", "c", List.of(1))));

    Outline fit = BlogWriter.fit(loose, req);

    assertThat(fit.title()).isEqualTo("A title");
    assertThat(fit.sections())
        .containsExactly(
            new Outline.SectionPlan("One", "", List.of(2)),
            new Outline.SectionPlan("Two", "b", List.of(1, 2)));
    assertThatThrownBy(() -> BlogWriter.fit(new Outline("t", List.of()), req))
        .hasMessageContaining("no sections");
  }

  @Test
  void aSectionStreamsIntoItsOwnOutputAndCitesItsSources() {
    SectionRequest req =
        new SectionRequest(
            TOPIC,
            "Rate limits, in practice",
            2,
            4,
            "Token buckets and other rate limiters",
            "A token bucket smooths bursts.",
            sources("rate-limiting", "backpressure"));
    TestRun<Section> run = ComponentTester.create().run(writer.write(), req);

    Section s = run.outputOrThrow();
    assertThat(s.number()).isEqualTo(2);
    assertThat(s.words()).isBetween(100, 220);
    assertThat(s.text()).contains("[1]").contains("token bucket");
    assertThat(run.outputText("section-2")).isEqualTo(s.text());
    assertThat(run.events("output")).hasSizeGreaterThan(50); // a word at a time
  }

  @Test
  void theEditStreamsThePostAndTheStreamEqualsThePostWithItsSources() {
    List<Source> sources = sources("rate-limiting", "backpressure");
    EditRequest req =
        new EditRequest(
            TOPIC,
            "Rate limits, in practice",
            List.of(
                new Section(1, "Buckets", "A bucket holds tokens. [1]"),
                new Section(2, "Pushing back", "Say not yet. [2]")),
            sources);
    TestRun<String> run = ComponentTester.create().run(writer.edit(), req);

    String post = run.outputOrThrow();
    assertThat(post)
        .startsWith("# Rate limits, in practice\n\n")
        .contains("## Buckets\n\nA bucket holds tokens. [1]")
        .contains("## Pushing back\n\nSay not yet. [2]")
        .contains("## Conclusion")
        .endsWith(
            "## Sources\n\n1. [Token buckets and other rate limiters](https://library.example/rate-limiting)\n"
                + "2. [Backpressure: saying not yet instead of falling over](https://library.example/backpressure)\n");
    assertThat(run.outputText(BlogWriter.POST)).isEqualTo(post);
  }
}
