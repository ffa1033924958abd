package dev.spool.examples.blog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Workflow;
import dev.spool.testkit.ReplayResult;
import dev.spool.testkit.ReplayResult.Mismatch;
import dev.spool.testkit.ReplayResult.Reached;
import dev.spool.testkit.ReplayTester;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replay before deploy: the blog-writer histories kept under {@code src/test/resources/histories}
 * (recorded with {@code ./spool run blog-writer} and {@code spool runs export}) must replay on
 * today's code. The model and the web fail the test if any step's code runs: a replay answers every
 * step from its checkpoint.
 */
class BlogWriterHistoriesTest {
  static final Path HISTORIES = Path.of("src/test/resources/histories");

  static final BlogWriter NOTHING_RUNS =
      new BlogWriter(
          () -> {
            throw new AssertionError("a replay must not call the model");
          },
          Offline.LIBRARY,
          url -> {
            throw new AssertionError("a replay must not fetch " + url);
          });

  @Test
  void everyKeptHistoryReplaysToItsEndOnTodaysCode() {
    List<ReplayResult> results = ReplayTester.of(NOTHING_RUNS.workflow()).replayAll(HISTORIES);

    results.forEach(ReplayResult::assertMatches);
    assertThat(results).extracting(ReplayResult::reached).containsOnly(Reached.COMPLETED);
  }

  @Test
  void aReleaseThatOutlinesBeforeReadingTheArticlesIsStoppedAtTheOutlineStep() {
    Mismatch m = ReplayTester.of(outlinesFirst()).replayAll(HISTORIES).getFirst().assertMismatch();

    assertThat(m.path()).isEqualTo("blog-writer/outline#2");
    assertThat(m.recorded()).contains("all#2");
    assertThat(m.found()).contains("outline#2");
  }

  /** A changed blog writer: it no longer fetches the articles it found before outlining. */
  private static Workflow<BlogRequest, String> outlinesFirst() {
    BlogWriter w = NOTHING_RUNS;
    return Workflow.of(
        BlogWriter.NAME,
        BlogRequest.class,
        String.class,
        (ctx, req) -> {
          List<String> queries = ctx.call(w.plan(), req.topic()).queries();
          ctx.all(queries, q -> ctx.call(w.search(), new Query(q, 5)));
          return ctx.call(
                  w.outline(), new OutlineRequest(req.topic(), req.sectionCount(), List.of()))
              .title();
        });
  }
}
