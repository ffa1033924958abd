package dev.spool.internal.engine;

import static dev.spool.EventTypes.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.Component;
import dev.spool.Event;
import dev.spool.InvalidInputException;
import dev.spool.Json;
import dev.spool.NonRetryableException;
import dev.spool.RetryPolicy;
import dev.spool.RunStatus;
import dev.spool.StepFailedException;
import dev.spool.TypeRef;
import dev.spool.Workflow;
import dev.spool.builtin.Hello;
import dev.spool.builtin.Steps;
import dev.spool.store.RunInfo;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EngineTest {
  final Harness h = new Harness();
  final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

  int count(String key) {
    return runs.computeIfAbsent(key, k -> new AtomicInteger()).get();
  }

  int bump(String key) {
    return runs.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
  }

  Component<String, String> upper(String name) {
    return Component.of(
        name,
        String.class,
        (ctx, s) -> {
          bump(name + ":" + s);
          return s.toUpperCase();
        });
  }

  record Text(String text) {}

  @Test
  void sequentialStepsProduceGaplessStreamAndResult() {
    var up = upper("up");
    var wf =
        Workflow.of(
            "seq",
            Text.class,
            String.class,
            (ctx, in) -> ctx.call(up, in.text()) + ctx.call(up, "b"));
    String id = h.start(wf, new Text("a"));

    RunInfo done = h.runToEnd(wf, id);

    assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(done.result()).contains("\"AB\"");
    List<Event> events = h.events(id);
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).seq()).isEqualTo(i + 1);
    }
    assertThat(events)
        .extracting(Event::type)
        .containsExactly(
            RUN_QUEUED,
            RUN_STARTED,
            STEP_STARTED,
            STEP_COMPLETED,
            STEP_STARTED,
            STEP_COMPLETED,
            RUN_COMPLETED);
    assertThat(events.get(2).path()).isEqualTo("seq/up#0");
    assertThat(events.get(4).path()).isEqualTo("seq/up#1");
    assertThat(Json.tree(events.get(3).data()).path("output").asText()).isEqualTo("A");
  }

  @Test
  void retriesWithBackoffOnTheEngineClockThenSucceeds() {
    AtomicInteger attempts = new AtomicInteger();
    Component<String, String> flaky =
        Component.<String, String>of(
                "flaky",
                String.class,
                (ctx, s) -> {
                  if (attempts.incrementAndGet() < 3) {
                    throw new IOException("provider hiccup " + ctx.attempt());
                  }
                  return "ok@" + ctx.attempt();
                })
            .retry(RetryPolicy.fixed(5, Duration.ofSeconds(2)));
    var wf = Workflow.of("retry", Text.class, String.class, (ctx, in) -> ctx.call(flaky, "x"));
    String id = h.start(wf, new Text("a"));
    Instant before = h.clock.now();

    RunInfo done = h.runToEnd(wf, id);

    assertThat(done.result()).contains("\"ok@3\"");
    List<Event> retries = h.events(id, STEP_RETRYING);
    assertThat(retries).hasSize(2);
    assertThat(retries).extracting(Event::attempt).containsExactly(1, 2);
    var first = Json.tree(retries.get(0).data());
    assertThat(first.path("error").path("type").asText()).isEqualTo("java.io.IOException");
    assertThat(first.path("error").path("message").asText()).isEqualTo("provider hiccup 1");
    assertThat(first.path("delayMs").asLong()).isEqualTo(2000);
    assertThat(h.clock.now()).isEqualTo(before.plusSeconds(4));
    assertThat(h.events(id, STEP_COMPLETED).get(0).attempt()).isEqualTo(3);
  }

  @Test
  void exponentialBackoffGrowsAndStaysWithinJitter() {
    RetryPolicy p = RetryPolicy.exponential(6, Duration.ofMillis(100)).withJitter(0.2);
    assertThat(p.delayAfter(1, 0.5)).isEqualTo(Duration.ofMillis(100));
    assertThat(p.delayAfter(3, 0.5)).isEqualTo(Duration.ofMillis(400));
    assertThat(p.delayAfter(3, 0.0)).isEqualTo(Duration.ofMillis(320));
    assertThat(p.delayAfter(3, 0.999).toMillis()).isBetween(479L, 480L);
    assertThat(p.withMaxDelay(Duration.ofMillis(250)).delayAfter(5, 0.5))
        .isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void nonRetryableAndUnlistedErrorsFailAtOnce() {
    Component<String, String> refuse =
        Component.<String, String>of(
                "refuse",
                String.class,
                (ctx, s) -> {
                  bump("refuse");
                  throw new NonRetryableException("bad request");
                })
            .retry(RetryPolicy.fixed(5, Duration.ofSeconds(1)));
    Component<String, String> state =
        Component.<String, String>of(
                "state",
                String.class,
                (ctx, s) -> {
                  bump("state");
                  throw new IllegalStateException("no");
                })
            .retry(RetryPolicy.fixed(5, Duration.ofSeconds(1)).retryOn(IOException.class));
    var wf =
        Workflow.of(
            "nr",
            Text.class,
            String.class,
            (ctx, in) -> {
              try {
                ctx.call(refuse, "x");
              } catch (StepFailedException e) {
                assertThat(e.errorType()).isEqualTo(NonRetryableException.class.getName());
              }
              return ctx.call(state, "y");
            });
    String id = h.start(wf, new Text("a"));

    RunInfo done = h.runToEnd(wf, id);

    assertThat(count("refuse")).isEqualTo(1);
    assertThat(count("state")).isEqualTo(1);
    assertThat(h.events(id, STEP_RETRYING)).isEmpty();
    assertThat(h.events(id, STEP_FAILED)).hasSize(2);
    assertThat(done.status()).isEqualTo(RunStatus.FAILED);
    assertThat(done.error().orElseThrow())
        .contains(StepFailedException.class.getName())
        .contains("nr/state#1")
        .contains("IllegalStateException");
  }

  @Test
  void fallbackContainsTheFailureAndTheTraceStillShowsIt() {
    Component<String, String> broken =
        Component.<String, String>of(
                "broken",
                String.class,
                (ctx, s) -> {
                  throw new IOException("down");
                })
            .retry(RetryPolicy.fixed(2, Duration.ofMillis(10)));
    Component<String, String> guarded =
        Component.<String, String>of("guarded", String.class, (ctx, s) -> ctx.call(broken, s))
            .fallback((ctx, in, failure) -> "fallback for " + in + " after " + failure.attempts());
    var wf = Workflow.of("fb", Text.class, String.class, (ctx, in) -> ctx.call(guarded, "x"));
    String id = h.start(wf, new Text("a"));

    RunInfo done = h.runToEnd(wf, id);

    assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(done.result()).contains("\"fallback for x after 1\"");
    assertThat(h.events(id, STEP_FAILED))
        .extracting(Event::path)
        .containsExactly("fb/guarded#0/broken#0");
    assertThat(h.events(id, STEP_FALLBACK)).extracting(Event::path).containsExactly("fb/guarded#0");
    Event completed = h.events(id, STEP_COMPLETED).get(0);
    assertThat(Json.tree(completed.data()).path("fallback").asBoolean()).isTrue();
  }

  @Test
  void timeoutEndsAnAttemptAndRetries() {
    AtomicInteger attempts = new AtomicInteger();
    Component<String, String> slow =
        Component.<String, String>of(
                "slow",
                String.class,
                (ctx, s) -> {
                  if (attempts.incrementAndGet() == 1) {
                    Thread.sleep(60_000);
                  }
                  return "fast now";
                })
            .timeout(Duration.ofMillis(100))
            .retry(RetryPolicy.fixed(2, Duration.ZERO));
    var wf = Workflow.of("to", Text.class, String.class, (ctx, in) -> ctx.call(slow, "x"));
    String id = h.start(wf, new Text("a"));

    RunInfo done = h.runToEnd(wf, id);

    assertThat(done.result()).contains("\"fast now\"");
    var retry = Json.tree(h.events(id, STEP_RETRYING).get(0).data());
    assertThat(retry.path("error").path("type").asText()).endsWith("StepTimeoutException");
  }

  @Test
  void allRunsBranchesInParallelWithDeterministicPathsAndOrderedResults() {
    var up = upper("up");
    var wf =
        Workflow.of(
            "fan",
            Text.class,
            new TypeRef<List<String>>() {},
            (ctx, in) -> ctx.all(List.of("a", "b", "c", "d"), s -> ctx.call(up, s)));
    String id = h.start(wf, new Text("x"));

    RunInfo done = h.runToEnd(wf, id);

    assertThat(done.result()).contains("[\"A\",\"B\",\"C\",\"D\"]");
    assertThat(h.events(id, STEP_COMPLETED))
        .extracting(Event::path)
        .containsExactlyInAnyOrder(
            "fan/all#0[0]/up#0", "fan/all#0[1]/up#0", "fan/all#0[2]/up#0", "fan/all#0[3]/up#0");
  }

  @Test
  void allReportsTheFirstFailureAfterEveryBranchEnded() {
    AtomicInteger finished = new AtomicInteger();
    Component<Integer, Integer> work =
        Component.of(
            "work",
            Integer.class,
            (ctx, i) -> {
              if (i == 1) {
                throw new NonRetryableException("branch " + i + " broke");
              }
              Thread.sleep(50);
              finished.incrementAndGet();
              return i;
            });
    var wf =
        Workflow.of(
            "fanfail",
            Text.class,
            new TypeRef<List<Integer>>() {},
            (ctx, in) -> ctx.all(List.of(0, 1, 2), i -> ctx.call(work, i)));
    String id = h.start(wf, new Text("x"));

    RunInfo done = h.runToEnd(wf, id);

    assertThat(done.status()).isEqualTo(RunStatus.FAILED);
    assertThat(done.error().orElseThrow()).contains("branch 1 broke");
    assertThat(finished.get()).isEqualTo(2);
  }

  @Test
  void longDurableSleepReleasesTheWorkerAndResumesAtTheWakeTime() {
    var up = upper("up");
    var wf =
        Workflow.of(
            "nap",
            Text.class,
            String.class,
            (ctx, in) -> {
              String a = ctx.call(up, "before");
              ctx.sleep(Duration.ofDays(2));
              return a + " " + ctx.call(up, "after");
            });
    String id = h.start(wf, new Text("x"));
    Instant start = h.clock.now();

    assertThat(h.executeOnce(wf, id, h.store, "w1", Optional.empty()))
        .isEqualTo(RunExecution.Outcome.SUSPENDED);
    RunInfo waiting = h.info(id);
    assertThat(waiting.status()).isEqualTo(RunStatus.WAITING);
    assertThat(waiting.resumeAt()).contains(start.plus(Duration.ofDays(2)));

    RunInfo done = h.runToEnd(wf, id);

    assertThat(done.result()).contains("\"BEFORE AFTER\"");
    assertThat(count("up:before")).isEqualTo(1);
    assertThat(h.events(id, RUN_RESUMED)).hasSize(1);
    assertThat(h.events(id, RUN_WAITING)).hasSize(1);
  }

  @Test
  void shortSleepWaitsInPlaceOnTheEngineClock() {
    var wf =
        Workflow.of(
            "short",
            Text.class,
            String.class,
            (ctx, in) -> {
              ctx.sleep(Duration.ofSeconds(5));
              return "woke";
            });
    String id = h.start(wf, new Text("x"));
    Instant start = h.clock.now();

    RunInfo done = h.runToEnd(wf, id);

    assertThat(done.result()).contains("\"woke\"");
    assertThat(h.clock.now()).isEqualTo(start.plusSeconds(5));
    assertThat(h.events(id, RUN_WAITING)).isEmpty();
  }

  @Test
  void nowAndRandomReplayTheSameValuesAfterACrash() {
    var up = upper("up");
    var wf =
        Workflow.of(
            "det",
            Text.class,
            String.class,
            (ctx, in) -> {
              Instant t = ctx.now();
              double r = ctx.random();
              ctx.call(up, "a");
              h.clock.advance(Duration.ofHours(1));
              ctx.call(up, "b");
              return t + " " + r;
            });
    String id = h.start(wf, new Text("x"));
    // Dies after the checkpoints of now() and up("a"): up("b") never checkpoints.
    h.executeOnce(wf, id, h.dyingAfterCheckpoints(2), "w1", Optional.empty());
    assertThat(h.info(id).status()).isEqualTo(RunStatus.RUNNING);

    h.executeOnce(wf, id, h.store, "w2", Optional.of("w1"));

    RunInfo done = h.info(id);
    assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
    Instant first = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(done.result().orElseThrow()).startsWith("\"" + first);
    String expectedRandom = done.result().orElseThrow().split(" ")[1];
    // A fresh uninterrupted run of the same id would draw the same number.
    assertThat(expectedRandom).isNotBlank();
    assertThat(count("up:a")).isEqualTo(1);
    assertThat(h.events(id, RUN_RESUMED)).hasSize(1);
  }

  @Test
  void resumedRunSkipsFinishedStepsAndContinuesTheSequence() {
    var wf = Steps.WORKFLOW;
    String id = h.start(wf, "{\"steps\":6}");
    h.executeOnce(wf, id, h.dyingAfterCheckpoints(3), "w1", Optional.empty());
    long seqBefore = h.info(id).lastSeq();
    int checkpointed = h.store.checkpoints(id).size();
    assertThat(checkpointed).isEqualTo(3);

    h.executeOnce(wf, id, h.store, "w2", Optional.of("w1"));

    RunInfo done = h.info(id);
    assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
    List<Event> events = h.events(id);
    Event resumed = h.events(id, RUN_RESUMED).get(0);
    assertThat(resumed.seq()).isEqualTo(seqBefore + 1);
    assertThat(Json.tree(resumed.data()).path("checkpoints").asInt()).isEqualTo(checkpointed);
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).seq()).isEqualTo(i + 1);
    }
    long stepCompletions = h.events(id, STEP_COMPLETED).size();
    assertThat(stepCompletions).isEqualTo(6);
    assertThat(h.events(id, PROGRESS)).as("replayed progress is not written twice").hasSize(6);
  }

  @Test
  void outputOfAStepCutShortByACrashIsSupersededOnResume() {
    var wf = Hello.WORKFLOW;
    // Words 50 ms apart: the writer commits them before the step's checkpoint, even on a busy
    // machine (with 1 ms it could group them all into the checkpoint's commit, which dies).
    String id = h.start(wf, "{\"name\":\"Ada\",\"chunkMillis\":50}");
    // compose is checkpointed; speak streams its words and dies before its checkpoint.
    h.executeOnce(wf, id, h.dyingAfterCheckpoints(1), "w1", Optional.empty());
    assertThat(h.events(id, OUTPUT)).isNotEmpty();

    h.executeOnce(wf, id, h.store, "w2", Optional.of("w1"));

    // The unfinished attempt's output is superseded once, and the re-run streams it all anew.
    String result = Json.tree(h.info(id).result().orElseThrow()).asText();
    assertThat(new dev.spool.OutputAssembler().acceptAll(h.events(id)).text("text"))
        .isEqualTo(result);
    assertThat(h.events(id, OUTPUT_SUPERSEDED))
        .singleElement()
        .satisfies(e -> assertThat(e.path()).isEqualTo("hello/speak#1"));
    assertThat(h.events(id, PROGRESS)).hasSize(2);
  }

  @Test
  void changedCodeFailsWithNonDeterminismNamingBothSteps() {
    var a = upper("alpha");
    var b = upper("beta");
    var v1 =
        Workflow.of(
            "nd", Text.class, String.class, (ctx, in) -> ctx.call(a, "x") + ctx.call(a, "y"));
    var v1Changed =
        Workflow.of(
            "nd", Text.class, String.class, (ctx, in) -> ctx.call(b, "x") + ctx.call(a, "y"));
    String id = h.start(v1, new Text("x"));
    h.executeOnce(v1, id, h.dyingAfterCheckpoints(1), "w1", Optional.empty());

    h.executeOnce(v1Changed, id, h.store, "w2", Optional.of("w1"));

    RunInfo done = h.info(id);
    assertThat(done.status()).isEqualTo(RunStatus.FAILED);
    assertThat(done.error().orElseThrow())
        .contains("NonDeterminismException")
        .contains("alpha#0")
        .contains("beta#0");
  }

  @Test
  void caughtStepFailureReplaysWithoutRunningTheStepAgain() {
    Component<String, String> bad =
        Component.of(
            "bad",
            String.class,
            (ctx, s) -> {
              bump("bad");
              throw new NonRetryableException("nope");
            });
    var up = upper("up");
    var wf =
        Workflow.of(
            "catch",
            Text.class,
            String.class,
            (ctx, in) -> {
              String got;
              try {
                got = ctx.call(bad, "x");
              } catch (StepFailedException e) {
                got = "recovered:" + e.errorMessage();
              }
              return got + ctx.call(up, "z");
            });
    String id = h.start(wf, new Text("x"));
    h.executeOnce(wf, id, h.dyingAfterCheckpoints(1), "w1", Optional.empty());

    h.executeOnce(wf, id, h.store, "w2", Optional.of("w1"));

    assertThat(h.info(id).result()).contains("\"recovered:nopeZ\"");
    assertThat(count("bad")).isEqualTo(1);
  }

  @Test
  void runOfAnotherVersionFailsWithAClearReason() {
    var v1 = Workflow.of("ver", Text.class, String.class, (ctx, in) -> "v1");
    var v2 = v1.version("2");
    String id = h.start(v1, new Text("x"));

    h.executeOnce(v2, id, h.store, "w1", Optional.empty());

    assertThat(h.info(id).error().orElseThrow())
        .contains("started on version 1")
        .contains("version 2");
  }

  @Test
  void inputIsCheckedWithAClearOneLineReason() {
    assertThatThrownBy(() -> Hello.WORKFLOW.parseInput("{\"nam\":\"x\"}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("nam")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> Hello.WORKFLOW.parseInput("{}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> Steps.WORKFLOW.parseInput("{\"steps\":-1}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("steps must be within 0..100000");
    assertThatThrownBy(() -> Steps.WORKFLOW.parseInput("{\"steps\":"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("input is not valid JSON");
    assertThat(Hello.WORKFLOW.parseInput("{\"name\":\"Ada\"}").name()).isEqualTo("Ada");
  }
}
