package dev.spool.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.Component;
import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.RunHistory;
import dev.spool.RunStatus;
import dev.spool.Workflow;
import dev.spool.store.Checkpoint;
import dev.spool.testkit.ReplayResult.Mismatch;
import dev.spool.testkit.ReplayResult.Reached;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** New code against recorded histories, through the real engine. */
class ReplayTesterTest {
  record Order(String id) {}

  final AtomicInteger calls = new AtomicInteger();

  Component<String, String> step(String name) {
    return Component.of(
        name,
        String.class,
        (ctx, in) -> {
          calls.incrementAndGet();
          return in + ">" + name;
        });
  }

  Workflow<Order, String> orders(String... names) {
    return Workflow.of(
        "orders",
        Order.class,
        String.class,
        (ctx, o) -> {
          String acc = o.id();
          for (String n : names) {
            acc = ctx.call(step(n), acc);
          }
          return acc;
        });
  }

  RunHistory recorded() {
    RunHistory h =
        ComponentTester.create()
            .run(orders("reserve", "charge", "ship"), new Order("o-1"))
            .history();
    calls.set(0);
    return h;
  }

  @Test
  void theSameCodeReplaysToTheEndWithoutCallingAnyStep() {
    ReplayResult r = ReplayTester.of(orders("reserve", "charge", "ship")).replay(recorded());

    r.assertMatches();
    assertThat(r.reached()).isEqualTo(Reached.COMPLETED);
    assertThat(r.recorded()).isEqualTo(RunStatus.COMPLETED);
    assertThat(calls.get()).as("every step came from its checkpoint").isZero();
  }

  @Test
  void aRenamedStepIsReportedAtItsPathWithBothNames() {
    ReplayResult r = ReplayTester.of(orders("reserve", "bill", "ship")).replay(recorded());

    Mismatch m = r.assertMismatch();
    assertThat(m.path()).isEqualTo("orders/bill#1");
    assertThat(m.recorded()).contains("charge#1");
    assertThat(m.found()).contains("bill#1");
    assertThatThrownBy(r::assertMatches)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("orders/bill#1")
        .hasMessageContaining("charge#1");
    assertThat(calls.get()).isZero();
  }

  @Test
  void reorderedStepsAreReportedAtTheFirstSlotThatMoved() {
    Mismatch m =
        ReplayTester.of(orders("reserve", "ship", "charge")).replay(recorded()).assertMismatch();

    assertThat(m.path()).isEqualTo("orders/ship#1");
    assertThat(m.recorded()).contains("charge#1");
  }

  @Test
  void aRemovedStepIsReportedAsNeverCalled() {
    Mismatch m = ReplayTester.of(orders("reserve", "charge")).replay(recorded()).assertMismatch();

    assertThat(m.path()).isEqualTo("orders/ship#2");
    assertThat(m.found()).contains("completed without calling it");
  }

  @Test
  void aStepAddedAfterTheRecordedEndIsReportedAndNotRun() {
    Mismatch m =
        ReplayTester.of(orders("reserve", "charge", "ship", "notify"))
            .replay(recorded())
            .assertMismatch();

    assertThat(m.path()).isEqualTo("orders/notify#3");
    assertThat(m.recorded()).contains("completed without it");
    assertThat(calls.get()).as("the new step's code did not run").isZero();
  }

  @Test
  void aCheckpointThatNoLongerReadsAsTheOutputTypeIsAMismatch() {
    Component<String, Integer> charge = Component.of("charge", Integer.class, (ctx, in) -> 1);
    Workflow<Order, String> typed =
        Workflow.of(
            "orders",
            Order.class,
            String.class,
            (ctx, o) -> {
              String r = ctx.call(step("reserve"), o.id());
              return r + ctx.call(charge, r) + ctx.call(step("ship"), r);
            });

    Mismatch m = ReplayTester.of(typed).replay(recorded()).assertMismatch();

    assertThat(m.path()).isEqualTo("orders/charge#1");
    assertThat(m.found()).contains("Integer");
  }

  @Test
  void aHistoryTakenMidRunReplaysUpToTheStepItHadNotFinished() {
    RunHistory mid = upToCompletedSteps(recorded(), 1);

    ReplayResult same = ReplayTester.of(orders("reserve", "charge", "ship")).replay(mid);
    ReplayResult renamed = ReplayTester.of(orders("reserve", "bill", "ship")).replay(mid);

    same.assertMatches();
    assertThat(same.reached()).isEqualTo(Reached.STEP);
    assertThat(same.at()).contains("orders/charge#1");
    assertThat(renamed.assertMismatch().path()).isEqualTo("orders/bill#1");
    assertThat(calls.get()).isZero();
  }

  @Test
  void historiesInADirectoryAreReplayedFromTheirFiles(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.json"), recorded().toJson());
    Files.writeString(dir.resolve("b.json"), upToCompletedSteps(recorded(), 2).toJson());
    Files.writeString(dir.resolve("notes.txt"), "not a history");

    List<ReplayResult> results =
        ReplayTester.of(orders("reserve", "charge", "ship")).replayAll(dir);

    assertThat(results).hasSize(2).allMatch(ReplayResult::matches);
    assertThat(results)
        .extracting(ReplayResult::reached)
        .containsExactly(Reached.COMPLETED, Reached.STEP);
  }

  @Test
  void aHistoryOfAnotherWorkflowOrFormatIsAClearError(@TempDir Path dir) throws Exception {
    Workflow<Order, String> other = Workflow.of("other", Order.class, String.class, (c, o) -> "");
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"format\":\"something/9\"}");

    assertThatThrownBy(() -> ReplayTester.of(other).replay(recorded()))
        .hasMessageContaining("workflow 'orders'");
    assertThatThrownBy(() -> ReplayTester.of(other).replay(bad))
        .hasMessageContaining("bad.json")
        .hasMessageContaining(RunHistory.FORMAT);
  }

  /** The history as it stood right after its {@code n}th step completed, the run still running. */
  static RunHistory upToCompletedSteps(RunHistory full, int n) {
    List<Event> events = new ArrayList<>();
    Set<String> done = new HashSet<>();
    int completed = 0;
    for (Event e : full.events()) {
      if (e.type().equals(EventTypes.STEP_COMPLETED) && completed == n) {
        break;
      }
      events.add(e);
      if (e.type().equals(EventTypes.STEP_COMPLETED)) {
        completed++;
        done.add(e.path());
      }
    }
    List<Checkpoint> checkpoints =
        full.checkpoints().stream().filter(c -> done.contains(c.path())).toList();
    // Through the JSON form: the run as it stood, still running, with no end yet.
    ObjectNode json =
        (ObjectNode) Json.tree(new RunHistory(full.run(), events, checkpoints).toJson());
    ObjectNode run = (ObjectNode) json.get("run");
    run.put("status", RunStatus.RUNNING.wireName());
    run.remove(List.of("result", "finishedAt"));
    return RunHistory.fromJson(json.toString());
  }
}
