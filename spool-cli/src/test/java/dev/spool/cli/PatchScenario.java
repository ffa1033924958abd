package dev.spool.cli;

import static dev.spool.cli.ProcessFleet.await;
import static dev.spool.cli.ProcessFleet.events;
import static dev.spool.cli.ProcessFleet.workerPids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.PatchUsage;
import dev.spool.RunStatus;
import dev.spool.Spool;
import dev.spool.cli.PatchWorkflows.Doc;
import dev.spool.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Patching with real worker processes on one store, as both store tests run it: runs recorded by a
 * worker with the old code of {@code patch-demo} wait on signals; that worker is replaced by one
 * with {@code ctx.patched("review")}; the run that had gone past the review's place finishes
 * without it, the one that had not reached it and a new run take the review; {@code spool
 * workflows} says how many runs may take the old branch, then that it can go; the ledger shows
 * every step body ran once.
 */
final class PatchScenario {
  private static final Map<String, String> OLD = Map.of(PatchWorkflows.CODE, "old");
  private static final Map<String, String> NEW = Map.of(PatchWorkflows.CODE, "new");

  private final Path dir;
  private final String storeUri;
  private final Store store;
  private final Spool api;
  private final Path ledger;

  PatchScenario(Path dir, String storeUri, Store store) {
    this.dir = dir;
    this.storeUri = storeUri;
    this.store = store;
    this.api = Spool.builder(store).register(PatchWorkflows.workflow(true)).build();
    this.ledger = dir.resolve("ledger.txt");
  }

  void run() throws Exception {
    try (ProcessFleet fleet = new ProcessFleet(dir, storeUri)) {
      SpoolProcess oldWorker = fleet.worker("worker-old", OLD);
      ProcessFleet.awaitWorker(oldWorker);
      String past = start();
      String before = start();
      signal(past, "start");
      awaitWaitingFor(past, "go"); // recorded past the place the review will take
      awaitWaitingFor(before, "start"); // not there yet

      oldWorker.terminate();
      assertThat(oldWorker.awaitExit(60)).as(oldWorker.log()).isZero();
      SpoolProcess newWorker = fleet.worker("worker-new", NEW);
      ProcessFleet.awaitWorker(newWorker);
      String fresh = start();
      signal(fresh, "start");
      awaitWaitingFor(fresh, "go");

      PatchUsage u = usage();
      assertThat(u.newPath()).isEqualTo(1);
      assertThat(u.notReached()).as("both old runs may have passed the place").isEqualTo(2);
      assertThat(workflowsCommand("workflows-1"))
          .anySatisfy(
              l ->
                  assertThat(l)
                      .startsWith("review")
                      .contains(PatchWorkflows.NAME)
                      .contains("needed by 2 runs"));

      signal(past, "go");
      signal(before, "start");
      awaitEnd(past);
      awaitWaitingFor(before, "go");
      u = usage();
      assertThat(u.oldPath() + u.notReached()).isZero();
      assertThat(u.newPath()).isEqualTo(2);
      assertThat(workflowsCommand("workflows-2"))
          .anySatisfy(l -> assertThat(l).startsWith("review").endsWith("can go"));

      signal(before, "go");
      signal(fresh, "go");
      awaitEnd(before);
      awaitEnd(fresh);

      assertThat(result(past)).isEqualTo("\"unreviewed\"");
      assertThat(result(before)).isEqualTo("\"reviewed\"");
      assertThat(result(fresh)).isEqualTo("\"reviewed\"");
      assertThat(decided(past)).isFalse();
      assertThat(decided(before)).isTrue();
      assertThat(decided(fresh)).isTrue();
      for (String id : List.of(past, before)) {
        assertThat(workerPids(events(store, id)))
            .as("recorded by the old worker, finished by the new one")
            .startsWith(oldWorker.pid())
            .endsWith(newWorker.pid());
      }
      assertThat(Files.readAllLines(ledger))
          .as("every step body ran once")
          .containsExactlyInAnyOrder(
              past + " draft",
              past + " publish",
              before + " draft",
              before + " review",
              before + " publish",
              fresh + " draft",
              fresh + " review",
              fresh + " publish");
    }
  }

  private String start() {
    return api.start(PatchWorkflows.workflow(true), new Doc(ledger.toString())).run().runId();
  }

  private void signal(String runId, String name) {
    assertThat(api.signal(runId, name, "\"ok\"")).isPresent();
  }

  private PatchUsage usage() {
    List<PatchUsage> all = api.patches(PatchWorkflows.NAME);
    assertThat(all).extracting(PatchUsage::patch).containsExactly("review");
    return all.get(0);
  }

  /** {@code spool workflows} as a process with the new code, its output lines. */
  private List<String> workflowsCommand(String name) throws Exception {
    try (SpoolProcess p = SpoolProcess.start(dir, name, NEW, "workflows", "--store", storeUri)) {
      assertThat(p.awaitExit(60)).as(p.log()).isZero();
      return p.log().lines().toList();
    }
  }

  private void awaitWaitingFor(String runId, String signal) throws Exception {
    try {
      waitingFor(runId, signal);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; the run's events: " + trace(runId), e);
    }
  }

  private String trace(String runId) {
    return events(store, runId).stream()
        .map(e -> e.seq() + " " + e.type() + " " + e.path() + " " + e.data())
        .toList()
        .toString();
  }

  private void waitingFor(String runId, String signal) throws Exception {
    await(
        runId + " waits for " + signal,
        90,
        () ->
            store.getRun(runId).orElseThrow().status() == RunStatus.WAITING
                && events(store, runId).stream()
                    .filter(e -> e.type().equals(EventTypes.RUN_WAITING))
                    .reduce((a, b) -> b)
                    .map(e -> Json.tree(e.data()).path("name").asText().equals(signal))
                    .orElse(false));
  }

  private void awaitEnd(String runId) throws Exception {
    await(runId + " ended", 90, () -> store.getRun(runId).orElseThrow().status().isTerminal());
    assertThat(store.getRun(runId).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
  }

  private String result(String runId) {
    return store.getRun(runId).orElseThrow().result().orElseThrow();
  }

  /** The run's one {@code patch.decided}: whether it took the new branch. */
  private boolean decided(String runId) {
    List<Event> decided =
        events(store, runId).stream()
            .filter(e -> e.type().equals(EventTypes.PATCH_DECIDED))
            .toList();
    assertThat(decided).hasSize(1);
    return Json.tree(decided.get(0).data()).path("patched").asBoolean();
  }
}
