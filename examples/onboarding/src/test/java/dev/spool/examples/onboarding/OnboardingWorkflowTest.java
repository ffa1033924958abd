package dev.spool.examples.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Json;
import dev.spool.testkit.ComponentTester;
import dev.spool.testkit.TestRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole onboarding workflow through the real engine, in memory, with the offline model. */
class OnboardingWorkflowTest {
  @Test
  void enrichesEveryPageOnceAndFindsWhatTheSiteStates() {
    String host = "northwind-robotics.example";
    CompanySite.Generated site = Offline.SITES.site(host);
    TestRun<Profile> run =
        ComponentTester.create()
            .run(Offline.onboarding().workflow(), OnboardingRequest.of("https://" + host + "/"));

    Profile p = run.outputOrThrow();
    assertThat(p.pages())
        .extracting(EnrichedPage::url)
        .containsExactlyInAnyOrderElementsOf(site.urls());
    CompanyFacts f = site.facts();
    assertThat(p.company())
        .containsEntry("name", f.name())
        .containsEntry("founded", String.valueOf(f.founded()))
        .containsEntry("headquarters", f.headquarters())
        .containsEntry("employees", String.valueOf(f.employees()));
    assertThat(p.people()).containsExactlyInAnyOrderElementsOf(f.people());
    assertThat(p.products()).containsExactlyInAnyOrderElementsOf(f.products());
    assertThat(p.customers()).containsExactlyInAnyOrderElementsOf(f.customers());
    assertThat(p.offices()).containsExactlyInAnyOrderElementsOf(f.offices());
    assertThat(p.investors()).containsExactlyInAnyOrderElementsOf(f.investors());
    assertThat(p.technologies()).containsExactlyInAnyOrderElementsOf(f.technologies());
    assertThat(run.events("step.completed"))
        .filteredOn(e -> e.path().matches(".*/extract#\\d+/llm#0"))
        .hasSize(site.pages().size());
  }

  @Test
  void publishesTheProfileAsItGrowsOnePageAtATimeInOrder() {
    String host = "acme.example";
    int pages = Offline.SITES.site(host).pages().size();
    TestRun<Profile> run =
        ComponentTester.create().run(Offline.onboarding().workflow(), OnboardingRequest.of(host));

    List<JsonNode> enriched =
        run.events("progress").stream()
            .map(e -> Json.tree(e.data()))
            .filter(d -> d.path("phase").asText().equals("enrich") && d.has("page"))
            .toList();
    assertThat(enriched).hasSize(pages);
    assertThat(enriched).extracting(d -> d.path("done").asInt()).isSorted().doesNotHaveDuplicates();
    assertThat(enriched).extracting(d -> d.path("page").asText()).doesNotHaveDuplicates();
    List<Integer> people =
        enriched.stream().map(d -> d.path("profile").path("people").size()).toList();
    assertThat(people).isSorted();
    assertThat(people.getLast()).isEqualTo(run.outputOrThrow().people().size());
    assertThat(enriched.getLast().path("of").asInt()).isEqualTo(pages);

    List<String> phases =
        run.events("progress").stream()
            .map(e -> Json.tree(e.data()).path("phase").asText())
            .distinct()
            .toList();
    assertThat(phases).containsExactly("crawl", "enrich", "merge", "done");
  }

  @Test
  void stopsAtTheMostPagesAskedFor() {
    Profile p =
        ComponentTester.create()
            .run(Offline.onboarding().workflow(), new OnboardingRequest("acme.example", 12))
            .outputOrThrow();
    assertThat(p.pages()).hasSize(12);
  }
}
