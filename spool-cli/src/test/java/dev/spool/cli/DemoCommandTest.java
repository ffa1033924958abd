package dev.spool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Json;
import dev.spool.OutputAssembler;
import dev.spool.RunStatus;
import dev.spool.store.RunInfo;
import dev.spool.store.RunQuery;
import dev.spool.store.RunStores;
import dev.spool.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spool demo}: the blog writer, offline, on the embedded store, shown phase by phase. */
class DemoCommandTest {
  @TempDir Path dir;

  @Test
  void writesABlogPostLiveAndThePostPrintedIsTheRunsResult() {
    Cli cli = new Cli(dir);
    Cli.Result r = cli.run("demo", "--tokens-per-second", "0");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains("workflow blog-writer v1")
        .contains("LLM: offline fake provider offline http://127.0.0.1:")
        .contains("▸ research  planning the research on \"durable execution for AI agents\"")
        .contains("▸ outline   outlining 4 sections from 5 sources")
        .contains("▸ write     ")
        .contains("✓ section 1 written: ")
        .contains("✓ section 4 written: ")
        .contains("▸ edit      ")
        .contains("✓ completed in ")
        .contains("next: ./spool dev");
    assertThat(r.out().indexOf("▸ research")).isLessThan(r.out().indexOf("▸ outline"));
    assertThat(r.out().indexOf("▸ outline")).isLessThan(r.out().indexOf("▸ edit"));

    try (Store store = RunStores.open(cli.storeUri(), true)) {
      List<RunInfo> runs = store.listRuns(RunQuery.latest(10));
      assertThat(runs).hasSize(1);
      RunInfo run = runs.get(0);
      assertThat(run.workflow()).isEqualTo("blog-writer");
      assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
      String post = Json.read(run.result().orElseThrow(), String.class);
      assertThat(post).startsWith("# ").contains("\n## Sources\n");
      assertThat(r.out()).contains(post.strip());
      OutputAssembler out =
          new OutputAssembler().acceptAll(store.readEvents(run.runId(), 0, 100_000));
      assertThat(out.text("post")).isEqualTo(post);
      assertThat(out.streams())
          .contains("section-1", "section-2", "section-3", "section-4", "post");
    }
  }

  @Test
  void aBadTopicIsAUsageErrorAndCreatesNothing() {
    Cli cli = new Cli(dir);
    Cli.Result r = cli.run("demo", "--topic", " ");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("spool: --topic: topic must not be blank\n");
    assertThat(r.out()).isEmpty();
    assertThat(Files.exists(dir.resolve("spool.db"))).isFalse();
  }
}
