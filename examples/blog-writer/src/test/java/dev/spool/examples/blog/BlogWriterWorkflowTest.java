package dev.spool.examples.blog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Event;
import dev.spool.Json;
import dev.spool.RunStatus;
import dev.spool.testkit.ComponentTester;
import dev.spool.testkit.TestRun;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole blog-writer workflow through the real engine, in memory, with the offline model. */
class BlogWriterWorkflowTest {
  @Test
  void writesAPostInPhasesWithEverySectionStreamedIntoItsOwnOutput() {
    TestRun<String> run =
        ComponentTester.create()
            .run(Offline.writer().workflow(), BlogRequest.of("durable execution for AI agents"));

    String post = run.outputOrThrow();
    assertThat(post).startsWith("# ").contains("\n## Conclusion\n").contains("\n## Sources\n");
    assertThat(run.outputText(BlogWriter.POST)).isEqualTo(post);
    for (int i = 1; i <= 4; i++) {
      String section = run.outputText("section-" + i);
      assertThat(section).isNotBlank();
      assertThat(post).contains(section);
    }
    List<String> phases =
        run.events("progress").stream()
            .map(e -> Json.tree(e.data()).path("phase").asText())
            .distinct()
            .toList();
    assertThat(phases).containsExactly("research", "outline", "write", "edit", "done");
    assertThat(run.events("step.completed"))
        .extracting(Event::path)
        .filteredOn(p -> p.endsWith("/write-section#0"))
        .hasSize(4);
    assertThat(run.events("progress"))
        .extracting(e -> Json.tree(e.data()).path("done").asInt(0))
        .filteredOn(n -> n > 0)
        .containsExactlyInAnyOrder(1, 2, 3, 4);
  }

  @Test
  void theSamePostEveryTimeEvenWhenAFetchFailsOnceAndIsRetried() {
    BlogRequest req = new BlogRequest("retries and rate limits", 3);
    String first = ComponentTester.create().run(Offline.writer().workflow(), req).outputOrThrow();

    ComponentTester flaky = ComponentTester.create();
    flaky.failNext("fetch", 1, () -> new IOException("connection reset"));
    TestRun<String> again = flaky.run(Offline.writer().workflow(), req);

    assertThat(again.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(again.events("step.retrying")).hasSize(1);
    assertThat(again.outputOrThrow()).isEqualTo(first);
    assertThat(first.split("\n## ")).hasSize(1 + 3 + 2); // sections, conclusion, sources
  }
}
