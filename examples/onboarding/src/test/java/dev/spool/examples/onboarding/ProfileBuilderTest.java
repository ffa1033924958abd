package dev.spool.examples.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileBuilderTest {
  private static PageFacts facts(
      Map<String, String> company, List<Person> people, List<String> tech) {
    return new PageFacts(
        "other", company, people, List.of(), List.of(), List.of(), List.of(), tech);
  }

  @Test
  void aSingleFactTakesTheValueMostPagesStateAndTheFirstStatedAmongEquals() {
    ProfileBuilder b = new ProfileBuilder("https://acme.example/");
    b.add("u1", facts(Map.of("employees", "240", "founded", "2014"), List.of(), List.of()));
    b.add("u2", facts(Map.of("employees", "250", "founded", "2015"), List.of(), List.of()));
    b.add("u3", facts(Map.of("employees", "250"), List.of(), List.of()));

    assertThat(b.build().company())
        .containsEntry("employees", "250")
        .containsEntry("founded", "2014");
  }

  @Test
  void listsKeepEachItemOnceWhateverItsCaseAndLaterPagesFillInBlanks() {
    ProfileBuilder b = new ProfileBuilder("https://acme.example/");
    b.add(
        "u1",
        facts(
            Map.of(),
            List.of(new Person("Ana Silva", ""), new Person("Bo Kim", "CTO")),
            List.of("Kafka")));
    b.add(
        "u2",
        facts(
            Map.of(),
            List.of(new Person("ana  silva", "CEO"), new Person("Bo Kim", "CFO")),
            List.of("kafka", "Go")));

    Profile p = b.build();
    assertThat(p.people())
        .containsExactly(new Person("Ana Silva", "CEO"), new Person("Bo Kim", "CTO"));
    assertThat(p.technologies()).containsExactly("Kafka", "Go");
    assertThat(p.pages()).extracting(EnrichedPage::url).containsExactly("u1", "u2");
    assertThat(p.pages()).extracting(EnrichedPage::facts).containsExactly(3, 4);
  }

  @Test
  void aPageEnrichedTwiceIsAnError() {
    ProfileBuilder b = new ProfileBuilder("https://acme.example/");
    b.add("u1", PageFacts.none("home"));
    assertThatThrownBy(() -> b.add("u1", PageFacts.none("home")))
        .hasMessageContaining("enriched twice");
  }

  @Test
  void whatAnAddPublishesComesOutInTheOrderPagesCameIn() throws Exception {
    ProfileBuilder b = new ProfileBuilder("https://acme.example/");
    List<Integer> published = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String url = "u" + i;
      threads.add(
          Thread.ofVirtual()
              .start(() -> b.add(url, PageFacts.none("x"), (n, soFar) -> published.add(n))));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(published).hasSize(50).isSorted();
  }
}
