package dev.spool.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Component;
import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.RetryPolicy;
import dev.spool.RunStatus;
import dev.spool.Workflow;
import dev.spool.internal.Forks;
import dev.spool.store.ForkSeed;
import dev.spool.store.NewRun;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A run's retry re-runs its failed steps only; a fork replays the steps before its step. */
class RetryForkEngineTest {
  final Harness h = new Harness();
  final Map<String, AtomicInteger> ran = new ConcurrentHashMap<>();
  final AtomicBoolean bug = new AtomicBoolean(true);

  Component<Integer, Integer> step(String name) {
    return Component.<Integer, Integer>of(
            name,
            Integer.class,
            (ctx, n) -> {
              ran.computeIfAbsent(name + n, k -> new AtomicInteger()).incrementAndGet();
              if (name.equals("buggy") && bug.get()) {
                throw new IllegalStateException("bug");
              }
              return n * 10;
            })
        .retry(RetryPolicy.fixed(2, Duration.ofMillis(1)));
  }

  int ran(String key) {
    return ran.getOrDefault(key, new AtomicInteger()).get();
  }

  @Test
  void aRetriedRunRunsItsFailedStepAgainWithFreshAttemptsAndReplaysTheCompletedOnes() {
    var ok = step("ok");
    var buggy = step("buggy");
    var wf =
        Workflow.of(
            "retry",
            Integer.class,
            Integer.class,
            (ctx, n) -> ctx.call(ok, n) + ctx.call(buggy, n));
    String id = h.start(wf, 1);
    assertThat(h.runToEnd(wf, id).status()).isEqualTo(RunStatus.FAILED);
    assertThat(ran("buggy1")).isEqualTo(2);

    bug.set(false);
    assertThat(h.store.retryRun(id, "fixed", h.clock.now()).orElseThrow().retried()).isTrue();
    var done = h.runToEnd(wf, id);

    assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(done.result()).contains("20");
    assertThat(ran("ok1")).as("the completed step replayed").isEqualTo(1);
    assertThat(ran("buggy1")).isEqualTo(3);
    assertThat(h.events(id, EventTypes.STEP_STARTED))
        .filteredOn(e -> e.path().endsWith("buggy#1"))
        .extracting(Event::attempt)
        .as("attempts numbered on after the failed ones")
        .containsExactly(1, 2, 3);
    assertThat(h.events(id, EventTypes.RUN_RETRIED)).hasSize(1);
  }

  @Test
  void aForkReplaysTheStepsBeforeItsStepAndRunsTheRestWithItsInput() {
    var s = step("s");
    var wf =
        Workflow.of(
            "fork",
            Integer.class,
            Integer.class,
            (ctx, n) -> {
              int sum = 0;
              for (int i = 0; i < 5; i++) {
                sum += ctx.call(s, i < 3 ? i : i + n);
              }
              return sum;
            });
    String source = h.start(wf, 100);
    assertThat(h.runToEnd(wf, source).result()).contains("2100");

    String fork = "fork-of-" + source;
    h.store.createRun(
        new NewRun(
                fork, wf.name(), wf.versionId(), "1000", Optional.empty(), "default", h.clock.now())
            .forkedFrom(
                new ForkSeed(
                    source, "fork/s#3", Forks.seed(h.store.checkpoints(source), "fork/s#3"))));
    var done = h.runToEnd(wf, fork);

    assertThat(done.result()).as("0+10+20 replayed, 1003 and 1004 run").contains("20100");
    assertThat(ran("s0") + ran("s1") + ran("s2")).isEqualTo(3);
    assertThat(ran("s1003") + ran("s1004")).isEqualTo(2);
    assertThat(h.events(fork, EventTypes.STEP_STARTED))
        .extracting(Event::path)
        .containsExactly("fork/s#3", "fork/s#4");
    assertThat(h.events(fork).get(1).type()).isEqualTo(EventTypes.RUN_FORKED);
  }

  @Test
  void beforeFollowsTheStepTreeNotTheStringOrder() {
    assertThat(Forks.before("wf/s#9", "wf/s#10")).isTrue();
    assertThat(Forks.before("wf/s#10", "wf/s#9")).isFalse();
    assertThat(Forks.before("wf/a#0/b#3", "wf/c#1")).isTrue();
    assertThat(Forks.before("wf/c#1", "wf/c#1")).isFalse();
    assertThat(Forks.before("wf/c#1/x#0", "wf/c#1")).as("inside it").isFalse();
    assertThat(Forks.before("wf/c#1", "wf/c#1/x#0")).as("its ancestor").isFalse();
    assertThat(Forks.before("wf/c#1/x#0", "wf/c#1/x#1")).isTrue();
    assertThat(Forks.before("wf/all#1[0]/s#0", "wf/all#1[2]/s#0")).isTrue();
    assertThat(Forks.before("wf/c#1@2/x#0", "wf/c#1/x#1")).as("another attempt").isFalse();
    assertThat(Forks.before("wf/k:key", "wf/s#3")).as("keyed").isFalse();
  }
}
