package dev.spool.internal.engine;

import static dev.spool.EventTypes.OUTPUT;
import static dev.spool.EventTypes.OUTPUT_SUPERSEDED;
import static dev.spool.EventTypes.STEP_RETRYING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Component;
import dev.spool.Event;
import dev.spool.Json;
import dev.spool.OutputAssembler;
import dev.spool.RetryPolicy;
import dev.spool.RunStatus;
import dev.spool.Workflow;
import dev.spool.store.Commit;
import dev.spool.store.Lease;
import dev.spool.store.LeaseLostException;
import dev.spool.store.RunStore;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A step attempt that streamed output and did not finish has that output superseded: on resume
 * after a crash, on an in-process retry, and before a fallback. Bodies that replay keep their
 * echoes. In every case the text a client assembles equals the result.
 */
class SupersededOutputTest {
  final Harness h = new Harness();
  final AtomicInteger executions = new AtomicInteger();

  /** Streams a different text on every execution, as an LLM would, and returns it. */
  final Component<String, String> speak =
      Component.of(
          "speak",
          String.class,
          (ctx, topic) -> {
            int n = executions.incrementAndGet();
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < 6; i++) {
              String chunk = "v" + n + "-" + i + " ";
              ctx.output("text", chunk);
              Thread.sleep(5); // small commits, so a dying store cuts the stream part-way
              all.append(chunk);
            }
            return all.toString();
          });

  final Workflow<String, String> wf =
      Workflow.of("story", String.class, String.class, (ctx, t) -> ctx.call(speak, t));

  /** The store as a worker sees it that dies once {@code outputs} output events are written. */
  RunStore dyingAfterOutputs(int outputs) {
    AtomicInteger written = new AtomicInteger();
    AtomicBoolean dead = new AtomicBoolean();
    return new ForwardingStore(h.store) {
      @Override
      public long commit(Lease lease, Commit commit) {
        long n = commit.events().stream().filter(e -> e.type().equals(OUTPUT)).count();
        if (dead.get() || written.get() + n > outputs) {
          dead.set(true);
          throw new LeaseLostException(lease.runId(), lease.epoch(), "the worker died");
        }
        written.addAndGet((int) n);
        return super.commit(lease, commit);
      }
    };
  }

  String result(String id) {
    return Json.tree(h.info(id).result().orElseThrow()).asText();
  }

  @Test
  void streamCutShortByACrashIsSupersededAndTheNewRunStreamsInFull() {
    String id = h.start(wf, "\"t\"");
    h.executeOnce(wf, id, dyingAfterOutputs(3), "w1", Optional.empty());
    List<Event> before = h.events(id, OUTPUT);
    assertThat(before).isNotEmpty().hasSizeLessThan(6);

    h.executeOnce(wf, id, h.store, "w2", Optional.of("w1"));

    assertThat(h.info(id).status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result(id)).startsWith("v2-0 ");
    List<Event> events = h.events(id);
    assertThat(new OutputAssembler().acceptAll(events).text("text")).isEqualTo(result(id));
    // Without the marker, a client would have mixed the two executions' text.
    assertThat(naive(events)).isNotEqualTo(result(id));
    Event superseded = h.events(id, OUTPUT_SUPERSEDED).get(0);
    assertThat(h.events(id, OUTPUT_SUPERSEDED)).hasSize(1);
    assertThat(superseded.path()).isEqualTo("story/speak#0");
    assertThat(superseded.attempt()).isEqualTo(1);
    assertThat(Json.tree(superseded.data()).path("reason").asText()).isEqualTo("resumed");
    assertThat(Json.tree(superseded.data()).path("chunks").asInt()).isEqualTo(before.size());
    assertThat(superseded.seq()).isGreaterThan(before.get(before.size() - 1).seq());
    // Every chunk of the new execution is written: none is taken for an echo of the old one.
    assertThat(h.events(id, OUTPUT)).hasSize(before.size() + 6);
  }

  @Test
  void aSecondCrashSupersedesOnlyWhatTheSecondExecutionWrote() {
    String id = h.start(wf, "\"t\"");
    h.executeOnce(wf, id, dyingAfterOutputs(2), "w1", Optional.empty());
    h.executeOnce(wf, id, dyingAfterOutputs(4), "w2", Optional.of("w1"));
    h.executeOnce(wf, id, h.store, "w3", Optional.of("w2"));

    assertThat(result(id)).startsWith("v3-0 ");
    assertThat(new OutputAssembler().acceptAll(h.events(id)).text("text")).isEqualTo(result(id));
    assertThat(h.events(id, OUTPUT_SUPERSEDED))
        .hasSize(2)
        .allSatisfy(e -> assertThat(Json.tree(e.data()).path("chunks").asInt()).isPositive());
  }

  @Test
  void aCrashBeforeAnyOutputWritesNoMarker() {
    var quiet = Component.of("quiet", String.class, (ctx, s) -> s + "!");
    var two =
        Workflow.of(
            "two", String.class, String.class, (ctx, s) -> ctx.call(quiet, s) + ctx.call(speak, s));
    String id = h.start(two, "\"t\"");
    h.executeOnce(two, id, h.dyingAfterCheckpoints(0), "w1", Optional.empty());
    h.executeOnce(two, id, h.store, "w2", Optional.of("w1"));

    assertThat(h.info(id).status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(h.events(id, OUTPUT_SUPERSEDED)).isEmpty();
  }

  @Test
  void aRetriedAttemptsOutputIsSupersededBeforeTheRetry() {
    AtomicInteger calls = new AtomicInteger();
    var flaky =
        Component.<String, String>of(
                "flaky",
                String.class,
                (ctx, s) -> {
                  ctx.output("text", "partial ");
                  if (calls.incrementAndGet() == 1) {
                    throw new IOException("provider hung up");
                  }
                  ctx.output("text", "answer");
                  return "partial answer";
                })
            .retry(RetryPolicy.fixed(2, Duration.ofMillis(10)));
    var one = Workflow.of("one", String.class, String.class, (ctx, s) -> ctx.call(flaky, s));
    String id = h.start(one, "\"t\"");

    h.runToEnd(one, id);

    List<Event> events = h.events(id);
    assertThat(new OutputAssembler().acceptAll(events).text("text")).isEqualTo(result(id));
    Event superseded = h.events(id, OUTPUT_SUPERSEDED).get(0);
    assertThat(superseded.attempt()).isEqualTo(1);
    assertThat(Json.tree(superseded.data()).path("reason").asText()).isEqualTo("retried");
    assertThat(superseded.seq()).isLessThan(h.events(id, STEP_RETRYING).get(0).seq());
  }

  @Test
  void aRetryAlsoSupersedesWhatStepsNestedInTheFailedAttemptWrote() {
    AtomicInteger calls = new AtomicInteger();
    var tool =
        Component.<String, String>of(
            "tool",
            String.class,
            (ctx, s) -> {
              ctx.output("text", "[tool " + s + "] ");
              return s;
            });
    var agent =
        Component.<String, String>of(
                "agent",
                String.class,
                (ctx, s) -> {
                  String t = ctx.call(tool, s + calls.incrementAndGet());
                  if (calls.get() == 1) {
                    throw new IOException("model went away after the tool ran");
                  }
                  return "[tool " + t + "] ";
                })
            .retry(RetryPolicy.fixed(2, Duration.ofMillis(10)));
    var one = Workflow.of("nested", String.class, String.class, (ctx, s) -> ctx.call(agent, s));
    String id = h.start(one, "\"t\"");

    h.runToEnd(one, id);

    assertThat(result(id)).isEqualTo("[tool t2] ");
    assertThat(new OutputAssembler().acceptAll(h.events(id)).text("text")).isEqualTo(result(id));
    assertThat(h.events(id, OUTPUT_SUPERSEDED))
        .singleElement()
        .satisfies(e -> assertThat(e.path()).isEqualTo("nested/agent#0/tool#0"));
  }

  @Test
  void theLastAttemptsOutputIsSupersededWhenAFallbackTakesOver() {
    var failing =
        Component.<String, String>of(
                "failing",
                String.class,
                (ctx, s) -> {
                  ctx.output("text", "half a sent");
                  throw new IOException("down");
                })
            .fallback(
                (ctx, s, err) -> {
                  ctx.output("text", "sorry");
                  return "sorry";
                });
    var one = Workflow.of("fb", String.class, String.class, (ctx, s) -> ctx.call(failing, s));
    String id = h.start(one, "\"t\"");

    h.runToEnd(one, id);

    assertThat(result(id)).isEqualTo("sorry");
    assertThat(new OutputAssembler().acceptAll(h.events(id)).text("text")).isEqualTo("sorry");
    assertThat(h.events(id, OUTPUT_SUPERSEDED))
        .singleElement()
        .satisfies(
            e -> assertThat(Json.tree(e.data()).path("reason").asText()).isEqualTo("failed"));
  }

  @Test
  void outputOfBranchesInsideAnUnfinishedAttemptIsSupersededToo() {
    var fan =
        Component.<String, String>of(
            "fan",
            String.class,
            (ctx, s) -> {
              int n = executions.incrementAndGet();
              List<String> parts =
                  ctx.all(
                      List.of(0, 1),
                      i -> {
                        ctx.output("text", "[" + n + "." + i + "]");
                        return "[" + n + "." + i + "]";
                      });
              Thread.sleep(50); // the branches' chunks reach the store
              ctx.output("text", "!"); // the first worker dies writing this
              Thread.sleep(50);
              return parts.get(0) + parts.get(1) + "!";
            });
    var one = Workflow.of("fan", String.class, String.class, (ctx, s) -> ctx.call(fan, s));
    String id = h.start(one, "\"t\"");
    h.executeOnce(one, id, dyingAfterOutputs(2), "w1", Optional.empty());
    assertThat(h.events(id, OUTPUT)).hasSize(2);

    h.executeOnce(one, id, h.store, "w2", Optional.of("w1"));

    assertThat(result(id)).isEqualTo("[2.0][2.1]!");
    assertThat(new OutputAssembler().acceptAll(h.events(id)).text("text"))
        .isIn("[2.0][2.1]!", "[2.1][2.0]!");
    assertThat(h.events(id, OUTPUT_SUPERSEDED))
        .extracting(Event::path)
        .containsExactly("fan/fan#0/all#0[0]", "fan/fan#0/all#0[1]");
  }

  @Test
  void anUncheckedStepThatFinishedReplaysWithItsEchoesAndNoMarker() {
    var unchecked =
        Component.<String, String>of(
                "say",
                String.class,
                (ctx, s) -> {
                  ctx.output("text", "same ");
                  return "same ";
                })
            .checkpointed(false);
    var quiet =
        Component.<String, String>of(
            "after",
            String.class,
            (ctx, s) -> {
              Thread.sleep(50); // what "say" wrote reaches the store before this dies
              return s;
            });
    var two =
        Workflow.of(
            "replay",
            String.class,
            String.class,
            (ctx, s) -> ctx.call(unchecked, s) + ctx.call(quiet, s));
    String id = h.start(two, "\"t\"");
    h.executeOnce(two, id, h.dyingAfterCheckpoints(0), "w1", Optional.empty());
    h.executeOnce(two, id, h.store, "w2", Optional.of("w1"));

    assertThat(h.info(id).status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(h.events(id, OUTPUT)).hasSize(1);
    assertThat(h.events(id, OUTPUT_SUPERSEDED)).isEmpty();
  }

  private static String naive(List<Event> events) {
    StringBuilder sb = new StringBuilder();
    for (Event e : events) {
      if (e.type().equals(OUTPUT)) {
        sb.append(Json.tree(e.data()).path("chunk").asText());
      }
    }
    return sb.toString();
  }
}
