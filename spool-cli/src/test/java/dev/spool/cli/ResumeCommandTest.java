package dev.spool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Json;
import dev.spool.Spool;
import dev.spool.WorkerIds;
import dev.spool.builtin.Builtins;
import dev.spool.store.Claim;
import dev.spool.store.ClaimRequest;
import dev.spool.store.RunStores;
import dev.spool.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeCommandTest {
  @TempDir Path dir;

  /** Enqueues a run without executing it; returns its id. */
  private static String enqueue(Cli cli, String workflow, String input) {
    try (Store store = RunStores.open(cli.storeUri(), false)) {
      Spool spool =
          Spool.builder(store)
              .register(Builtins.all().toArray(new dev.spool.Workflow<?, ?>[0]))
              .build();
      return spool.start(workflow, input).run().runId();
    }
  }

  /** Leases the run to {@code owner}, as if that worker had started executing it. */
  private static void claimAs(Cli cli, String runId, String owner) {
    claimAs(cli, runId, owner, Instant.now());
  }

  private static void claimAs(Cli cli, String runId, String owner, Instant at) {
    try (Store store = RunStores.open(cli.storeUri(), true)) {
      assertThat(
              store
                  .claim(
                      ClaimRequest.next(owner, "default", at, Duration.ofMinutes(5)).onlyRun(runId))
                  .map(Claim::lease))
          .isPresent();
    }
  }

  @Test
  void aRunWhoseHolderStoppedHeartbeatingIsTakenOver() {
    Cli cli = new Cli(dir);
    String id = enqueue(cli, "steps", "{\"steps\":2}");
    // A worker on another host claimed it an hour ago and was never heard of again.
    claimAs(cli, id, "elsewhere/4242/beef", Instant.now().minus(Duration.ofHours(1)));

    Cli.Result r = cli.run("resume", id);

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("resumed (attempt 2");
    assertThat(r.lastLine()).isEqualTo("result: [\"step 1 done\",\"step 2 done\"]");
  }

  @Test
  void nothingToResume() {
    Cli cli = new Cli(dir);
    Cli.Result r = cli.run("resume");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo("nothing to resume\n");
  }

  @Test
  void resumeExecutesEveryQueuedRunShowingOnlyNewEvents() {
    Cli cli = new Cli(dir);
    String a = enqueue(cli, "hello", RunCommandTest.HELLO);
    String b = enqueue(cli, "steps", "{\"steps\":2}");

    Cli.Result r = cli.run("resume", "--json");

    assertThat(r.exit()).as(r.err()).isZero();
    List<String> types =
        r.outLines().stream().map(l -> Json.tree(l).path("type").asText()).toList();
    assertThat(types).doesNotContain("run.queued");
    assertThat(types.stream().filter(t -> t.equals("run.started"))).hasSize(2);
    assertThat(types.stream().filter(t -> t.equals("run.completed"))).hasSize(2);
    assertThat(r.outLines().get(0)).contains("\"runId\":\"" + a + "\"", "\"seq\":2");
    assertThat(r.lastLine()).contains("\"runId\":\"" + b + "\"", "\"type\":\"run.completed\"");
    assertThat(cli.run("resume").out()).isEqualTo("nothing to resume\n");
  }

  @Test
  void aRunHeldByADeadProcessIsTakenOverAndReplaysItsCheckpoints() {
    Cli cli = new Cli(dir);
    String id = enqueue(cli, "steps", "{\"steps\":3}");
    String live = WorkerIds.newId();
    String dead = live.replaceFirst("/\\d+/", "/" + deadPid() + "/");
    claimAs(cli, id, dead);

    Cli.Result r = cli.run("resume", id);

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.outLines().get(0)).isEqualTo("run " + id + "  workflow steps v1");
    assertThat(r.out()).contains("  ⟳ resumed (attempt 2, 0 checkpoints replayed)");
    assertThat(r.lastLine()).isEqualTo("result: [\"step 1 done\",\"step 2 done\",\"step 3 done\"]");
  }

  @Test
  void aRunHeldByALiveProcessIsNotResumed() {
    Cli cli = new Cli(dir);
    String id = enqueue(cli, "steps", "{\"steps\":1}");
    String owner = WorkerIds.newId(); // this very process: alive
    claimAs(cli, id, owner);

    Cli.Result one = cli.run("resume", id);
    assertThat(one.exit()).isEqualTo(1);
    assertThat(one.err())
        .isEqualTo(
            "spool: run "
                + id
                + " is running in another process (owner "
                + owner
                + "); not resuming\n");

    Cli.Result all = cli.run("resume");
    assertThat(all.exit()).isZero();
    assertThat(all.err()).contains("is running in another process");
  }

  @Test
  void resumingAFinishedRunSaysSo() {
    Cli cli = new Cli(dir);
    Cli.Result run = cli.run("run", "hello", "--input", RunCommandTest.HELLO);
    String id = run.outLines().get(0).split(" ")[1];

    Cli.Result r = cli.run("resume", id);

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("already completed; nothing to resume");
  }

  /** A pid no process has: larger than any the kernel hands out. */
  private static long deadPid() {
    long pid = 4_194_304L + 12_345;
    assertThat(ProcessHandle.of(pid)).isEmpty();
    return pid;
  }
}
