package dev.spool.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.spool.Component;
import dev.spool.Context;
import dev.spool.Event;
import dev.spool.RetryPolicy;
import dev.spool.RunStatus;
import dev.spool.Workflow;
import dev.spool.store.Checkpoint;
import dev.spool.store.RunInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: for a random workflow (sequential calls, fan-outs, nested components, retries, sleeps,
 * recorded time) crashed at random points any number of times and resumed each time, the result
 * equals that of an uninterrupted run; no step that was checkpointed runs again; the event stream
 * stays gapless. Each case is a seed; a failure names it, and the seed reproduces it exactly.
 */
class ReplayPropertyTest {

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 150);
  }

  /** One operation of a generated workflow. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
  @JsonSubTypes({
    @JsonSubTypes.Type(Leaf.class),
    @JsonSubTypes.Type(Fan.class),
    @JsonSubTypes.Type(Nested.class),
    @JsonSubTypes.Type(Nap.class),
    @JsonSubTypes.Type(Clock.class)
  })
  sealed interface Op permits Leaf, Fan, Nested, Nap, Clock {}

  record Leaf(String key, boolean flaky) implements Op {}

  record Fan(List<String> keys) implements Op {}

  record Nested(String key, List<String> children) implements Op {}

  record Nap(long seconds) implements Op {}

  record Clock() implements Op {}

  record Program(List<Op> ops) {}

  static Program generate(Random r) {
    List<Op> ops = new ArrayList<>();
    int n = 1 + r.nextInt(8);
    for (int i = 0; i < n; i++) {
      String k = "op" + i;
      switch (r.nextInt(5)) {
        case 0 -> {
          List<String> keys = new ArrayList<>();
          for (int j = 0; j < 1 + r.nextInt(4); j++) {
            keys.add(k + "b" + j);
          }
          ops.add(new Fan(keys));
        }
        case 1 -> {
          List<String> kids = new ArrayList<>();
          for (int j = 0; j < 1 + r.nextInt(3); j++) {
            kids.add(k + "c" + j);
          }
          ops.add(new Nested(k, kids));
        }
        case 2 -> ops.add(r.nextBoolean() ? new Nap(1 + r.nextInt(100_000)) : new Clock());
        default -> ops.add(new Leaf(k, r.nextInt(3) == 0));
      }
    }
    return new Program(ops);
  }

  /** Executions per leaf key, across every attempt and every crash. */
  final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();

  int bump(String key) {
    return executions.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
  }

  final Component<String, String> leaf =
      Component.<String, String>of(
              "leaf",
              String.class,
              (ctx, key) -> {
                int n = bump(key);
                // A flaky leaf fails its first ever execution, whatever the crashes did.
                if (key.endsWith("!") && n == 1) {
                  throw new IllegalStateException("flaky " + key);
                }
                return key.toUpperCase();
              })
          .retry(RetryPolicy.fixed(3, Duration.ofMillis(5)));

  final Component<Nested, String> nested =
      Component.of(
          "nested",
          String.class,
          (ctx, op) -> {
            StringBuilder sb = new StringBuilder(op.key()).append('(');
            for (String c : op.children()) {
              sb.append(ctx.call(leaf, c));
            }
            return sb.append(')').toString();
          });

  Workflow<Program, String> workflow() {
    return Workflow.of(
        "prop",
        Program.class,
        String.class,
        (ctx, program) -> {
          StringBuilder out = new StringBuilder();
          for (Op op : program.ops()) {
            out.append(apply(ctx, op)).append(';');
          }
          return out.toString();
        });
  }

  private String apply(Context ctx, Op op) {
    return switch (op) {
      case Leaf l -> ctx.call(leaf, l.flaky() ? l.key() + "!" : l.key());
      case Fan f -> String.join(",", ctx.all(f.keys(), k -> ctx.call(leaf, k)));
      case Nested n -> ctx.call(nested, n);
      case Nap n -> {
        ctx.sleep(Duration.ofSeconds(n.seconds()));
        yield "napped";
      }
      // Recorded time is what the clock said, which crashes shift; the checkpoint check below
      // proves it is never re-read once recorded.
      case Clock c -> ctx.now() == null ? "?" : "t";
    };
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void crashedAndResumedRunEqualsUninterruptedRun(long seed) {
    Random r = new Random(seed);
    Program program = generate(r);
    Workflow<Program, String> wf = workflow();

    Harness clean = new Harness();
    String cleanId = clean.start(wf, program);
    RunInfo expected = clean.runToEnd(wf, cleanId);
    assertThat(expected.status())
        .as("seed %d uninterrupted: %s", seed, expected.error())
        .isEqualTo(RunStatus.COMPLETED);
    Map<String, Integer> cleanCounts = snapshot();
    executions.clear();

    Harness h = new Harness();
    String id = h.start(wf, program);
    int crashes = 0;
    String owner = "w0";
    Optional<String> deadOwner = Optional.empty();
    while (!h.info(id).status().isTerminal()) {
      RunInfo now = h.info(id);
      if (now.status() == RunStatus.WAITING) {
        h.clock.advance(Duration.between(h.clock.now(), now.resumeAt().orElseThrow()));
        deadOwner = Optional.empty();
      }
      boolean crash = crashes < 3 && r.nextInt(3) > 0;
      Set<String> checkpointedBefore = checkpointedLeafPaths(h, id);
      Map<String, String> recordedBefore = completedCheckpoints(h, id);
      Map<String, Integer> countsBefore = snapshot();
      var via = crash ? h.dyingAfterCheckpoints(r.nextInt(4)) : h.store;
      var outcome = h.executeOnce(wf, id, via, owner, deadOwner);
      if (outcome == RunExecution.Outcome.LOST) {
        crashes++;
        deadOwner = Optional.of(owner);
        owner = "w" + crashes;
      }
      assertThat(completedCheckpoints(h, id))
          .as("seed %d: a recorded checkpoint is never lost or rewritten", seed)
          .containsAllEntriesOf(recordedBefore);
      assertNoCheckpointedLeafRanAgain(seed, h, id, checkpointedBefore, countsBefore);
    }

    RunInfo got = h.info(id);
    assertThat(got.status()).as("seed %d", seed).isEqualTo(RunStatus.COMPLETED);
    assertThat(got.result()).as("seed %d (%d crashes)", seed, crashes).isEqualTo(expected.result());
    for (var e : cleanCounts.entrySet()) {
      assertThat(executions.get(e.getKey()).get())
          .as("seed %d: executions of %s", seed, e.getKey())
          .isBetween(e.getValue(), e.getValue() + crashes);
    }
    List<Event> events = h.events(id);
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).seq()).as("seed %d gapless", seed).isEqualTo(i + 1);
    }
  }

  private Map<String, Integer> snapshot() {
    Map<String, Integer> m = new HashMap<>();
    executions.forEach((k, v) -> m.put(k, v.get()));
    return m;
  }

  private static Map<String, String> completedCheckpoints(Harness h, String id) {
    Map<String, String> out = new HashMap<>();
    for (Checkpoint c : h.store.checkpoints(id)) {
      if (c.kind() == Checkpoint.Kind.COMPLETED) {
        out.put(c.path(), c.value());
      }
    }
    return out;
  }

  private static Set<String> checkpointedLeafPaths(Harness h, String id) {
    Set<String> out = new HashSet<>();
    for (Checkpoint c : h.store.checkpoints(id)) {
      if (c.kind() == Checkpoint.Kind.COMPLETED && c.path().contains("leaf")) {
        out.add(c.value());
      }
    }
    return out;
  }

  /** A leaf whose output was checkpointed before this execution must not have run in it. */
  private void assertNoCheckpointedLeafRanAgain(
      long seed, Harness h, String id, Set<String> before, Map<String, Integer> counts) {
    for (String value : before) {
      String key = value.substring(1, value.length() - 1).toLowerCase();
      for (String k : List.of(key, key + "!")) {
        if (counts.containsKey(k)) {
          assertThat(executions.get(k).get())
              .as("seed %d: %s was checkpointed, so it must not run again", seed, k)
              .isEqualTo(counts.get(k));
        }
      }
    }
  }
}
