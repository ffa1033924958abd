package dev.spool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Component;
import dev.spool.RunHistory;
import dev.spool.RunStatus;
import dev.spool.TypeRef;
import dev.spool.Workflow;
import dev.spool.builtin.Approval;
import dev.spool.builtin.Steps;
import dev.spool.client.SpoolClient;
import dev.spool.store.RunInfo;
import dev.spool.store.RunQuery;
import dev.spool.store.sqlite.SqliteRunStore;
import dev.spool.testkit.ReplayResult;
import dev.spool.testkit.ReplayResult.Reached;
import dev.spool.testkit.ReplayTester;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay before deploy, end to end with real processes: runs recorded by the {@code spool} command
 * on SQLite, exported with {@code spool runs export} (from the store and through the API), and
 * replayed from the file against the same code and against changed code.
 */
class ReplayIT {
  private static final Pattern LISTENING = Pattern.compile("API on (http://\\S+)");

  @TempDir Path dir;

  @Test
  void aRunExportedFromTheStoreReplaysAndAChangedStepIsNamed() throws Exception {
    String store = "sqlite:" + dir.resolve("spool.db");
    try (SpoolProcess run =
        SpoolProcess.start(
            dir, "run", "run", "steps", "--input", "{\"steps\":3}", "--store", store)) {
      assertThat(run.awaitExit(120)).as(run.log()).isZero();
    }
    String runId = onlyRun();
    Path file = export(runId, "--store", store);

    ReplayResult same = ReplayTester.of(Steps.WORKFLOW).replay(file).assertMatches();
    ReplayResult renamed = ReplayTester.of(renamedSteps()).replay(file);

    assertThat(same.reached()).isEqualTo(Reached.COMPLETED);
    assertThat(same.runId()).isEqualTo(runId);
    assertThat(renamed.assertMismatch().path()).isEqualTo("steps/stage#0");
    assertThat(renamed.assertMismatch().recorded()).contains("step#0");

    assertThat(exportFails("--store", store)).contains("no run r-nope");
  }

  @Test
  void aWaitingRunExportedThroughTheApiReplaysUpToItsWaitThenToItsEnd() throws Exception {
    String store = "sqlite:" + dir.resolve("spool.db");
    try (SpoolProcess dev =
        SpoolProcess.start(dir, "dev", "dev", "--port", "0", "--store", store)) {
      dev.awaitLog("web UI:", 120);
      Matcher m = LISTENING.matcher(dev.log());
      assertThat(m.find()).as(dev.log()).isTrue();
      String server = m.group(1);
      try (SpoolClient client = SpoolClient.builder(URI.create(server)).build()) {
        String runId = client.start("approval", "{\"subject\":\"launch\"}").runId();
        awaitStatus(client, runId, RunStatus.WAITING);

        ReplayResult waiting =
            ReplayTester.of(Approval.WORKFLOW)
                .replay(export(runId, "--server", server))
                .assertMatches();
        assertThat(waiting.reached()).isEqualTo(Reached.WAITING);
        assertThat(waiting.at()).contains("approval/signal#1");

        client.signal(runId, "approve", "{\"approved\":true,\"comment\":\"ship it\"}");
        client.awaitResult(runId, Duration.ofSeconds(60)).orElseThrow();
        ReplayResult done =
            ReplayTester.of(Approval.WORKFLOW)
                .replay(export(runId, "--server", server))
                .assertMatches();
        assertThat(done.reached()).isEqualTo(Reached.COMPLETED);
      }
      assertThat(exportFails("--server", server)).contains("r-nope").contains("404");
    }
  }

  /** {@code spool runs export RUN ARGS > file} as a process of its own; the file. */
  private Path export(String runId, String... args) throws Exception {
    Path file = Files.createTempFile(dir, "history-", ".json");
    List<String> all = new ArrayList<>(List.of("runs", "export", runId));
    all.addAll(List.of(args));
    try (SpoolProcess p = SpoolProcess.startTo(dir, "export", file, all.toArray(String[]::new))) {
      assertThat(p.awaitExit(120)).as(p.log()).isZero();
    }
    assertThat(RunHistory.fromJson(Files.readString(file)).run().runId()).isEqualTo(runId);
    return file;
  }

  /** {@code spool runs export r-nope ARGS}, which must exit 2 (usage); its stderr. */
  private String exportFails(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("runs", "export", "r-nope"));
    all.addAll(List.of(args));
    try (SpoolProcess p =
        SpoolProcess.startTo(
            dir, "missing", dir.resolve("none.json"), all.toArray(String[]::new))) {
      assertThat(p.awaitExit(60)).as(p.log()).isEqualTo(2);
      return p.log();
    }
  }

  private String onlyRun() {
    try (SqliteRunStore s = SqliteRunStore.open(dir.resolve("spool.db"))) {
      List<RunInfo> runs = s.listRuns(RunQuery.latest(10));
      assertThat(runs).hasSize(1);
      return runs.getFirst().runId();
    }
  }

  private static void awaitStatus(SpoolClient client, String runId, RunStatus status)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (client.run(runId).status() != status) {
      assertThat(System.nanoTime()).as("run " + runId + " never " + status).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  /** The built-in {@code steps} workflow after a rename of its step component. */
  private static Workflow<Steps.Input, List<String>> renamedSteps() {
    Component<Integer, String> stage =
        Component.of("stage", String.class, (ctx, i) -> "stage " + i);
    return Workflow.of(
        "steps",
        Steps.Input.class,
        new TypeRef<List<String>>() {},
        (ctx, in) -> {
          List<String> out = new ArrayList<>();
          for (int i = 1; i <= in.steps(); i++) {
            out.add(ctx.call(stage, i));
          }
          return out;
        });
  }
}
