package dev.spool.examples.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.RunStatus;
import dev.spool.examples.common.WebPage;
import dev.spool.testkit.ComponentTester;
import dev.spool.testkit.TestRun;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Each onboarding component alone, through the real engine, in memory, offline. */
class OnboardingComponentsTest {
  private static final String SITE = "https://acme.example/";

  @Test
  void fetchReadsAPagesTextAndItsLinks() {
    Page page =
        ComponentTester.create().run(Offline.onboarding().fetch(), SITE + "about").outputOrThrow();

    assertThat(page.ok()).isTrue();
    assertThat(page.title()).isEqualTo("About — Acme");
    assertThat(page.text()).startsWith("About Acme\nAcme was founded in ");
    assertThat(page.links()).contains(SITE, SITE + "team", SITE + "contact");
  }

  @Test
  void aMissingPageIsAResultButAnOverloadedSiteIsRetried() {
    TestRun<Page> missing =
        ComponentTester.create().run(Offline.onboarding().fetch(), SITE + "no-such-page");
    assertThat(missing.outputOrThrow().status()).isEqualTo(404);
    assertThat(missing.outputOrThrow().links()).isEmpty();

    AtomicInteger calls = new AtomicInteger();
    Onboarding busy =
        new Onboarding(
            dev.spool.examples.common.Lazy.value(Offline.llm()),
            url ->
                calls.incrementAndGet() == 1
                    ? new WebPage(url, 503, "busy")
                    : Offline.web().get(url));
    TestRun<Page> retried = ComponentTester.create().run(busy.fetch(), SITE + "about");
    assertThat(retried.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(retried.events("step.retrying")).hasSize(1);
  }

  @Test
  void extractMakesOneModelCallAndReturnsTheFactsNormalized() {
    Page page =
        ComponentTester.create()
            .run(Offline.onboarding().fetch(), SITE + "contact")
            .outputOrThrow();
    TestRun<PageFacts> run = ComponentTester.create().run(Offline.onboarding().extract(), page);

    PageFacts f = run.outputOrThrow();
    assertThat(f.pageType()).isEqualTo("contact");
    assertThat(f.company()).containsEntry("email", "hello@acme.example").containsKey("phone");
    assertThat(run.events("step.started"))
        .extracting(e -> e.path())
        .containsExactly("test/extract#0", "test/extract#0/llm#0");
    assertThat(run.events("llm.usage")).hasSize(1);
  }

  @Test
  void mergeBuildsTheProfileFromEveryPageInCrawlOrder() {
    PageFacts home =
        new PageFacts(
            "home",
            java.util.Map.of("name", "Acme"),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    PageFacts person =
        new PageFacts(
            "person",
            java.util.Map.of("name", "Acme"),
            List.of(new Person("Ana Silva", "CTO")),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    Crawl crawl =
        new Crawl(
            SITE,
            List.of(
                new Crawl.Result(SITE, true, home),
                new Crawl.Result(SITE + "team/ana-silva", true, person),
                new Crawl.Result(SITE + "gone", false, PageFacts.none("unread"))));

    Profile p = ComponentTester.create().run(Offline.onboarding().merge(), crawl).outputOrThrow();

    assertThat(p.company()).containsExactlyEntriesOf(java.util.Map.of("name", "Acme"));
    assertThat(p.people()).containsExactly(new Person("Ana Silva", "CTO"));
    assertThat(p.pages())
        .extracting(EnrichedPage::url)
        .containsExactly(SITE, SITE + "team/ana-silva");
    assertThat(p.unreadable()).containsExactly(SITE + "gone");
  }
}
