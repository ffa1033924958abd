package dev.spool.cli;

import static dev.spool.cli.ProcessFleet.await;
import static dev.spool.cli.ProcessFleet.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.RunStatus;
import dev.spool.Spool;
import dev.spool.store.RunInfo;
import dev.spool.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Retry and fork with real worker processes, on any store: a run that failed on a bug completes
 * after the fixed code is deployed in a new worker process, without running its completed steps
 * again; a fork from step 7 of a 10-step run runs only steps 7 to 10, with its new input. What ran
 * is read from a ledger file the steps append to.
 *
 * @param cli runs a {@code spool} command against the test's store or server
 */
record RetryForkScenario(
    Path dir, String storeUri, Store store, Function<List<String>, Cli.Result> cli)
    implements AutoCloseable {
  private static final String FAILING = "{\"steps\":10,\"factor\":1,\"failAt\":5}";

  Path ledger() {
    return dir.resolve("ledger.txt");
  }

  Map<String, String> env(String code) {
    return Map.of(RetryWorkflows.CODE, code, RetryWorkflows.LEDGER, ledger().toString());
  }

  Spool api() {
    return Spool.builder(store).register(RetryWorkflows.workflow(false, ledger())).build();
  }

  SpoolProcess worker(String name, String code) throws Exception {
    SpoolProcess p =
        SpoolProcess.start(
            dir, name, env(code), "worker", "--store", storeUri, "--lease-ttl", "3s");
    ProcessFleet.awaitWorker(p);
    return p;
  }

  /** Two runs fail on the bug; the fixed worker finishes both after {@code spool retry}. */
  void failedRunsCompleteAfterTheFixWithoutRerunningCompletedSteps() throws Exception {
    Spool api = api();
    String one = api.start(RetryWorkflows.NAME, FAILING).run().runId();
    String two = api.start(RetryWorkflows.NAME, FAILING).run().runId();
    try (SpoolProcess buggy = worker("worker-buggy", "buggy")) {
      awaitStatus(one, RunStatus.FAILED);
      awaitStatus(two, RunStatus.FAILED);
    }
    assertThat(RetryWorkflows.ledger(ledger(), one))
        .containsExactly("step 1", "step 2", "step 3", "step 4", "step 5");
    try (SpoolProcess fixed = worker("worker-fixed", "fixed")) {
      Cli.Result retried = cli.apply(List.of("retry", one, "--reason", "bug fixed"));
      assertThat(retried.exit()).as(retried.err()).isZero();
      assertThat(retried.out()).contains("retried run " + one);
      Cli.Result bulk =
          cli.apply(
              List.of(
                  "runs",
                  "retry",
                  "--workflow",
                  RetryWorkflows.NAME,
                  "--status",
                  "failed",
                  "--since",
                  "1h"));
      assertThat(bulk.exit()).as(bulk.err()).isZero();
      assertThat(bulk.outLines()).containsExactly("retried 1 of 1 matching runs", two);

      for (String id : List.of(one, two)) {
        RunInfo done = awaitStatus(id, RunStatus.COMPLETED);
        assertThat(done.result()).contains("55");
        assertThat(done.attempt()).isEqualTo(2);
        assertThat(RetryWorkflows.ledger(ledger(), id))
            .as("steps 1-4 ran once, the failed step 5 again, then 6-10")
            .containsExactly(
                "step 1", "step 2", "step 3", "step 4", "step 5", "step 5", "step 6", "step 7",
                "step 8", "step 9", "step 10");
        List<Event> events = events(store, id);
        assertThat(events)
            .extracting(Event::type)
            .containsSubsequence(
                EventTypes.RUN_FAILED,
                EventTypes.RUN_RETRIED,
                EventTypes.RUN_RESUMED,
                EventTypes.RUN_COMPLETED);
        assertThat(stepsStarted(events)).hasSize(11);
      }
      Cli.Result again = cli.apply(List.of("retry", one));
      assertThat(again.exit()).as("a completed run is in no state for a retry").isEqualTo(1);
      assertThat(again.err()).contains("completed");
    }
  }

  /** A fork from step 7 runs steps 7-10 only, with its new input; 1-6 replay from the source. */
  void aForkFromStepSevenRunsOnlyStepsSevenToTen() throws Exception {
    String source =
        api().start(RetryWorkflows.NAME, "{\"steps\":10,\"factor\":1,\"failAt\":0}").run().runId();
    try (SpoolProcess fixed = worker("worker-fork", "fixed")) {
      assertThat(awaitStatus(source, RunStatus.COMPLETED).result()).contains("55");
      List<String> args =
          new ArrayList<>(
              List.of(
                  "fork",
                  source,
                  "--from-step",
                  RetryWorkflows.NAME + "/step#6",
                  "--input",
                  "{\"steps\":10,\"factor\":100,\"failAt\":0}"));
      Cli.Result forked = cli.apply(args);
      assertThat(forked.exit()).as(forked.err()).isZero();
      String fork = forked.lastLine().substring(forked.lastLine().lastIndexOf(' ') + 1);

      RunInfo done = awaitStatus(fork, RunStatus.COMPLETED);

      assertThat(done.result())
          .as("1..6 replayed with factor 1, 7..10 run with 100")
          .contains("3421");
      assertThat(RetryWorkflows.ledger(ledger(), fork))
          .containsExactly("step 7", "step 8", "step 9", "step 10");
      List<Event> events = events(store, fork);
      assertThat(events.get(1).type()).isEqualTo(EventTypes.RUN_FORKED);
      assertThat(Json.tree(events.get(1).data()).path("sourceRunId").asText()).isEqualTo(source);
      assertThat(stepsStarted(events)).hasSize(4);
      Cli.Result unknown = cli.apply(List.of("fork", source, "--from-step", "nope"));
      assertThat(unknown.exit()).isEqualTo(2);
      assertThat(unknown.err()).contains(RetryWorkflows.NAME + "/step#0");
    }
  }

  /** Runs an in-process command with the fixed test code registered, as a user's jar would be. */
  static Cli.Result withFixedCode(Path ledger, java.util.function.Supplier<Cli.Result> command) {
    System.setProperty(RetryWorkflows.CODE, "fixed");
    System.setProperty(RetryWorkflows.LEDGER, ledger.toString());
    try {
      return command.get();
    } finally {
      System.clearProperty(RetryWorkflows.CODE);
      System.clearProperty(RetryWorkflows.LEDGER);
    }
  }

  private static List<String> stepsStarted(List<Event> events) {
    return events.stream()
        .filter(e -> e.type().equals(EventTypes.STEP_STARTED))
        .map(Event::path)
        .toList();
  }

  private RunInfo awaitStatus(String id, RunStatus status) throws Exception {
    await(
        "run " + id + " " + status.wireName(),
        90,
        () -> store.getRun(id).orElseThrow().status() == status);
    return store.getRun(id).orElseThrow();
  }

  @Override
  public void close() {}
}
