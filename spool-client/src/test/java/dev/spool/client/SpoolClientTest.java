package dev.spool.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.RunHistory;
import dev.spool.RunStatus;
import dev.spool.store.Checkpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a real server, store and worker: every call, the happy paths. */
class SpoolClientTest {
  private static final Duration LONG = Duration.ofSeconds(30);

  @TempDir Path dir;
  Harness h;
  SpoolClient client;

  @BeforeEach
  void start() {
    h = new Harness(dir);
    client = h.client();
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void startThenAwaitTheResultOfHello() {
    StartedRun started = client.start("hello", "{\"name\":\"Ada\",\"chunkMillis\":0}");

    assertThat(started.created()).isTrue();
    assertThat(started.workflow()).isEqualTo("hello");
    assertThat(started.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(started.statusUrl()).isEqualTo(h.baseUri().resolve("/v1/runs/" + started.runId()));
    assertThat(started.eventsUrl().toString()).endsWith("/v1/runs/" + started.runId() + "/events");

    RunResult result = client.awaitResult(started.runId(), LONG).orElseThrow();
    assertThat(result.isCompleted()).isTrue();
    assertThat(Json.tree(result.result().orElseThrow()).asText()).startsWith("Hello, Ada!");
    assertThat(result.error()).isEmpty();
  }

  @Test
  void runShowsEveryFieldOfAFinishedRun() {
    String runId = client.start("steps", "{\"steps\":2}", Optional.of("key-1")).runId();
    client.awaitResult(runId, LONG).orElseThrow();

    RunView run = client.run(runId);

    var stored = h.store.getRun(runId).orElseThrow();
    assertThat(run.runId()).isEqualTo(runId);
    assertThat(run.workflow()).isEqualTo("steps");
    assertThat(run.version()).isEqualTo(stored.version());
    assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(Json.tree(run.input())).isEqualTo(Json.tree(stored.input()));
    assertThat(run.result().map(Json::tree)).contains(Json.tree(stored.result().orElseThrow()));
    assertThat(run.error()).isEmpty();
    assertThat(run.createdAt()).isEqualTo(stored.createdAt());
    assertThat(run.startedAt()).isEqualTo(stored.startedAt());
    assertThat(run.finishedAt()).isEqualTo(stored.finishedAt());
    assertThat(run.duration())
        .contains(
            Duration.ofMillis(
                Duration.between(stored.startedAt().get(), stored.finishedAt().get()).toMillis()));
    assertThat(run.lastSeq()).isEqualTo(stored.lastSeq());
    assertThat(run.deployment()).isEqualTo(stored.deployment());
    assertThat(run.attempt()).isEqualTo(1);
    assertThat(run.cancelRequested()).isFalse();
    assertThat(run.recoveries()).isZero();
    assertThat(run.idempotencyKey()).contains("key-1");
  }

  @Test
  void anIdempotencyKeyStartsOneRun() {
    StartedRun first = client.start("steps", "{\"steps\":1}", Optional.of("once"));
    StartedRun again = client.start("steps", "{\"steps\":1}", Optional.of("once"));

    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(again.runId()).isEqualTo(first.runId());
  }

  @Test
  void followDeliversExactlyWhatTheStoreHolds() {
    String runId = client.start("steps", "{\"steps\":5,\"stepMillis\":5}").runId();
    List<Event> seen = new ArrayList<>();

    Event terminal = client.follow(runId, 0, seen::add);

    assertThat(terminal.type()).isEqualTo("run.completed");
    assertThat(seen).isEqualTo(h.stored(runId));
    assertThat(seen.getLast()).isEqualTo(terminal);
  }

  @Test
  void followResumesExactlyAfterTheCursor() {
    String runId = client.start("steps", "{\"steps\":3}").runId();
    client.awaitResult(runId, LONG).orElseThrow();
    List<Event> seen = new ArrayList<>();

    client.follow(runId, 4, seen::add);

    List<Event> all = h.stored(runId);
    assertThat(seen).isEqualTo(all.subList(4, all.size()));
  }

  @Test
  void followFromTheTerminalEventReturnsItAndDeliversNothing() {
    String runId = client.start("steps", "{\"steps\":1}").runId();
    client.awaitResult(runId, LONG).orElseThrow();
    long last = client.run(runId).lastSeq();
    List<Event> seen = new ArrayList<>();

    Event terminal = client.follow(runId, last, seen::add);

    assertThat(seen).isEmpty();
    assertThat(terminal).isEqualTo(h.stored(runId).getLast());
    assertThat(terminal.seq()).isEqualTo(last);
    assertThat(terminal.isTerminal()).isTrue();
  }

  @Test
  void awaitResultGivesUpWhenTheWaitIsOver() {
    String runId = client.start("steps", "{\"steps\":100,\"stepMillis\":50}").runId();

    assertThat(client.awaitResult(runId, Duration.ZERO)).isEmpty();
    assertThat(client.awaitResult(runId, Duration.ofMillis(300))).isEmpty();

    client.cancel(runId, "test over");
  }

  @Test
  void workflowsListTheBuiltInsWithTheirSchemas() {
    List<WorkflowView> workflows = client.workflows();

    assertThat(workflows).extracting(WorkflowView::name).contains("hello", "steps");
    WorkflowView steps =
        workflows.stream().filter(w -> w.name().equals("steps")).findFirst().orElseThrow();
    JsonNode schema = Json.tree(steps.inputSchema());
    assertThat(schema.path("properties").has("steps")).isTrue();
    assertThat(steps.description()).hasValueSatisfying(d -> assertThat(d).contains("steps"));
    assertThat(steps.version()).isNotBlank();
  }

  @Test
  void runsPageNewestFirstAndFilter() {
    String a = client.start("steps", "{\"steps\":1}").runId();
    String b = client.start("steps", "{\"steps\":1}").runId();
    String c = client.start("hello", "{\"name\":\"Bo\",\"chunkMillis\":0}").runId();
    for (String id : List.of(a, b, c)) {
      client.awaitResult(id, LONG).orElseThrow();
    }

    RunPage first = client.runs(RunsQuery.latest(2));
    assertThat(first.runs()).extracting(RunView::runId).containsExactly(c, b);
    assertThat(first.next()).contains(b);

    RunPage second = client.runs(RunsQuery.latest(2).before(first.next().get()));
    assertThat(second.runs()).extracting(RunView::runId).containsExactly(a);
    assertThat(second.next()).isEmpty();

    assertThat(client.runs(RunsQuery.latest(10).withWorkflow("hello")).runs())
        .extracting(RunView::runId)
        .containsExactly(c);
    assertThat(client.runs(RunsQuery.latest(10).withStatus(RunStatus.RUNNING)).runs()).isEmpty();
    assertThat(client.runs(RunsQuery.latest(10).withStatus(RunStatus.COMPLETED)).runs()).hasSize(3);
  }

  @Test
  void aSignalIsStoredInTheRunsStream() {
    String runId = client.start("steps", "{\"steps\":100,\"stepMillis\":20}").runId();

    SignalReceipt receipt = client.signal(runId, "approve", "{\"ok\":true}");

    assertThat(receipt.runId()).isEqualTo(runId);
    assertThat(receipt.signal()).isEqualTo("approve");
    Event stored = h.store.readEvents(runId, receipt.seq() - 1, 1).getFirst();
    assertThat(stored.type()).isEqualTo("signal.received");
    assertThat(Json.tree(stored.data()).path("value").path("ok").asBoolean()).isTrue();
    client.cancel(runId);
  }

  @Test
  void aSignalToAFinishedRunIsAConflict() {
    String runId = client.start("steps", "{\"steps\":1}").runId();
    client.awaitResult(runId, LONG).orElseThrow();

    assertThatThrownBy(() -> client.signal(runId, "approve", "true"))
        .isInstanceOfSatisfying(
            SpoolClientException.class,
            e -> {
              assertThat(e.status()).hasValue(409);
              assertThat(e.detail()).hasValueSatisfying(d -> assertThat(d).contains(runId));
              assertThat(e.getMessage()).startsWith(e.title().orElseThrow() + " (HTTP 409): ");
            });
  }

  @Test
  void aFinishedRunsHistoryIsWhatTheStoreHolds() {
    String runId = client.start("steps", "{\"steps\":3}").runId();
    client.awaitResult(runId, LONG).orElseThrow();

    RunHistory history = client.history(runId);

    assertThat(history.toJson()).isEqualTo(RunHistory.read(h.store, runId).orElseThrow().toJson());
    assertThat(history.run().status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(history.run().workflow()).isEqualTo("steps");
    assertThat(history.events().getLast().type()).isEqualTo(EventTypes.RUN_COMPLETED);
    assertThat(history.checkpoints())
        .extracting(Checkpoint::path)
        .containsExactly("steps/step#0", "steps/step#1", "steps/step#2");
  }

  @Test
  void anUnknownRunIsA404Problem() {
    assertThatThrownBy(() -> client.history("r-nope"))
        .isInstanceOfSatisfying(
            SpoolClientException.class,
            e -> {
              assertThat(e.status()).hasValue(404);
              assertThat(e.getMessage()).contains("r-nope");
            });
  }

  /** Thrown by a sink to leave a follow. */
  static final class Enough extends RuntimeException {}

  /** Follows until the run has finished a step, so it is surely running. */
  private void untilRunning(String runId) {
    assertThatThrownBy(
            () ->
                client.follow(
                    runId,
                    0,
                    e -> {
                      if (e.type().equals("step.completed")) {
                        throw new Enough();
                      }
                    }))
        .isInstanceOf(Enough.class);
  }

  @Test
  void cancellingARunningRunStopsIt() {
    String runId = client.start("steps", "{\"steps\":200,\"stepMillis\":20}").runId();
    untilRunning(runId);

    CancelReceipt receipt = client.cancel(runId, "enough testing");

    assertThat(receipt.runId()).isEqualTo(runId);
    if (receipt.status() == RunStatus.RUNNING) {
      assertThat(receipt.cancelRequested()).isTrue();
    } else {
      assertThat(receipt.status()).isEqualTo(RunStatus.CANCELLED);
    }
    RunResult result = client.awaitResult(runId, LONG).orElseThrow();
    assertThat(result.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(result.errorMessage()).hasValueSatisfying(m -> assertThat(m).contains("cancelled"));
    assertThat(client.run(runId).finishedAt()).isPresent();
  }

  @Test
  void cancellingAQueuedRunEndsItAtOnce(@TempDir Path other) throws Exception {
    try (Harness apiOnly = new Harness(other, false, b -> b.requireApiKeys(false))) {
      SpoolClient c = apiOnly.client();
      String runId = c.start("steps", "{\"steps\":1}").runId();

      CancelReceipt receipt = c.cancel(runId, "changed my mind");

      assertThat(receipt.status()).isEqualTo(RunStatus.CANCELLED);
      assertThat(receipt.cancelRequested()).isFalse();
      RunResult result = c.awaitResult(runId, Duration.ZERO).orElseThrow();
      assertThat(result.status()).isEqualTo(RunStatus.CANCELLED);
      assertThat(result.errorMessage())
          .hasValueSatisfying(m -> assertThat(m).contains("changed my mind"));
      assertThat(c.cancel(runId).status()).isEqualTo(RunStatus.CANCELLED);
      Event terminal = c.follow(runId, 0, e -> {});
      assertThat(terminal.type()).isEqualTo("run.cancelled");
    }
  }

  @Test
  void cancellingAFinishedRunIsAConflict() {
    String runId = client.start("steps", "{\"steps\":1}").runId();
    client.awaitResult(runId, LONG).orElseThrow();

    assertThatThrownBy(() -> client.cancel(runId, "too late"))
        .isInstanceOfSatisfying(
            SpoolClientException.class, e -> assertThat(e.status()).hasValue(409));
  }
}
