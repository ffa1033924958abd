package dev.spool.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.Component;
import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.NonDeterminismException;
import dev.spool.PatchUsage;
import dev.spool.RunStatus;
import dev.spool.Workflow;
import dev.spool.store.RunInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code ctx.patched} through the real engine: old code records a run, new code (same name, same
 * version) resumes it, as when a worker is replaced by one with the patch.
 */
class PatchingTest {
  final Harness h = new Harness();
  final Map<String, AtomicInteger> ledger = new ConcurrentHashMap<>();

  record In(String text) {}

  Component<String, String> step(String name) {
    return Component.of(
        name,
        String.class,
        (ctx, s) -> {
          ledger.computeIfAbsent(name + ":" + s, k -> new AtomicInteger()).incrementAndGet();
          return name;
        });
  }

  int ran(String key) {
    return ledger.getOrDefault(key, new AtomicInteger()).get();
  }

  /**
   * Draft, wait for "start", wait for "go", publish; the new code has a review between the waits,
   * behind a patch; the old code does not ask.
   */
  Workflow<In, String> doc(boolean withPatch) {
    return doc(withPatch, ctx -> {});
  }

  /** The document workflow, with {@code end} run after the publish step. */
  Workflow<In, String> doc(boolean withPatch, java.util.function.Consumer<dev.spool.Context> end) {
    return Workflow.of(
        "doc",
        In.class,
        String.class,
        (ctx, in) -> {
          ctx.call(step("draft"), in.text());
          ctx.awaitSignal("start", String.class);
          boolean patched = withPatch && ctx.patched("review");
          if (patched) {
            ctx.call(step("review"), in.text());
          }
          ctx.awaitSignal("go", String.class);
          ctx.call(step("publish"), in.text());
          end.accept(ctx);
          return patched ? "new" : "old";
        });
  }

  final Workflow<In, String> oldCode = doc(false);
  final Workflow<In, String> newCode = doc(true);

  void signal(String runId, String name) {
    h.store.sendSignal(runId, name, "\"ok\"", h.clock.now());
  }

  String suspendedOnOldCode(String text, String... signals) {
    String id = h.start(oldCode, new In(text));
    for (String s : signals) {
      signal(id, s);
    }
    h.executeOnce(oldCode, id, h.store, "old-worker", Optional.empty());
    assertThat(h.info(id).status()).isEqualTo(RunStatus.WAITING);
    return id;
  }

  List<Event> decided(String runId) {
    return h.events(runId, EventTypes.PATCH_DECIDED);
  }

  @Test
  void aNewRunTakesTheNewPathAndTheDecisionIsInItsStream() {
    String id = h.start(newCode, new In("n"));
    signal(id, "start");
    signal(id, "go");

    RunInfo done = h.runToEnd(newCode, id);

    assertThat(done.result()).contains("\"new\"");
    assertThat(ran("review:n")).isEqualTo(1);
    assertThat(decided(id)).hasSize(1);
    var data = Json.tree(decided(id).get(0).data());
    assertThat(data.path("patch").asText()).isEqualTo("review");
    assertThat(data.path("patched").asBoolean()).isTrue();
    assertThat(data.path("reason").asText()).isEqualTo("new");
    assertThat(decided(id).get(0).path()).isEqualTo("doc");
  }

  @Test
  void aRunRecordedPastThePointReplaysTheOldPathOnTheNewCode() {
    String id = suspendedOnOldCode("o", "start"); // waits for "go": past the review's place

    signal(id, "go");
    RunInfo done = h.runToEnd(newCode, id);

    assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(done.result()).contains("\"old\"");
    assertThat(ran("review:o")).isZero();
    assertThat(ran("draft:o")).as("checkpointed, never again").isEqualTo(1);
    assertThat(ran("publish:o")).isEqualTo(1);
    var data = Json.tree(decided(id).get(0).data());
    assertThat(data.path("patched").asBoolean()).isFalse();
    assertThat(data.path("reason").asText()).isEqualTo("recorded before the patch");
  }

  @Test
  void aRunRecordedBeforeThePatchThatHadNotReachedItTakesTheNewPath() {
    String id = suspendedOnOldCode("w"); // waits for "start": before the review's place

    signal(id, "start");
    signal(id, "go");
    RunInfo done = h.runToEnd(newCode, id);

    assertThat(done.result()).contains("\"new\"");
    assertThat(ran("review:w")).isEqualTo(1);
    assertThat(ran("draft:w")).isEqualTo(1);
  }

  @Test
  void theRecordedAnswerStandsAfterACrashAlthoughTheHistoryNowGoesPastThePlace() {
    String id = h.start(newCode, new In("c"));
    signal(id, "start");
    signal(id, "go");
    // draft (1), the signal wait's deadline and result (3), the patch answer and the run's
    // decision (5), review (6): the worker dies when it would record the second wait.
    h.executeOnce(newCode, id, h.dyingAfterCheckpoints(6), "w1", Optional.empty());
    assertThat(ran("review:c")).isEqualTo(1);

    h.executeOnce(newCode, id, h.store, "w2", Optional.of("w1"));

    RunInfo done = h.info(id);
    assertThat(done.result()).contains("\"new\"");
    assertThat(ran("review:c")).as("the review's checkpoint replays").isEqualTo(1);
    assertThat(decided(id)).as("decided once, across both executions").hasSize(1);
  }

  @Test
  void everyPlaceInOneLineFollowsAnOldAnswerAndTheIdCanGuardSeveralPlaces() {
    AtomicInteger laterTrue = new AtomicInteger();
    Workflow<In, String> twoPlaces =
        doc(
            true,
            ctx -> {
              if (ctx.patched("review")) {
                laterTrue.incrementAndGet(); // at the frontier, but the run took the old path
              }
            });
    String id = suspendedOnOldCode("t", "start");
    signal(id, "go");

    assertThat(h.runToEnd(twoPlaces, id).result()).contains("\"old\"");
    assertThat(laterTrue).hasValue(0);
    assertThat(decided(id)).hasSize(1);
  }

  @Test
  void parallelBranchesEachFollowTheirOwnHistory() throws Exception {
    Component<Integer, String> a = Component.of("a", String.class, (ctx, i) -> count("a", i));
    Component<Integer, String> b = Component.of("b", String.class, (ctx, i) -> count("b", i));
    Component<Integer, String> c = Component.of("c", String.class, (ctx, i) -> count("c", i));
    CountDownLatch branchOneDone = new CountDownLatch(1);
    Workflow<In, List<String>> oldFan =
        Workflow.of(
            "fan",
            In.class,
            new dev.spool.TypeRef<List<String>>() {},
            (ctx, in) ->
                ctx.all(
                    List.of(0, 1),
                    i -> {
                      if (i == 0) {
                        await(branchOneDone);
                      }
                      ctx.call(a, i);
                      String r = ctx.call(b, i);
                      if (i == 1) {
                        branchOneDone.countDown();
                      }
                      return r;
                    }));
    Workflow<In, List<String>> newFan =
        Workflow.of(
            "fan",
            In.class,
            new dev.spool.TypeRef<List<String>>() {},
            (ctx, in) -> {
              List<String> out =
                  ctx.all(
                      List.of(0, 1),
                      i -> {
                        ctx.call(a, i);
                        return ctx.patched("use-c") ? ctx.call(c, i) : ctx.call(b, i);
                      });
              return List.of(out.get(0), out.get(1), "after:" + ctx.patched("use-c"));
            });
    String id = h.start(oldFan, new In("f"));
    // Branch 1 records a and b; the worker dies when branch 0 would record its a.
    h.executeOnce(oldFan, id, h.dyingAfterCheckpoints(2), "w1", Optional.empty());

    h.executeOnce(newFan, id, h.store, "w2", Optional.of("w1"));

    RunInfo done = h.info(id);
    assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
    // Branch 0 had recorded nothing past the place: new path. Branch 1 had: old path. After the
    // all, one line of execution leads from both, and one took the old path: so does the rest.
    assertThat(done.result()).contains("[\"c0\",\"b1\",\"after:false\"]");
    assertThat(ran("b:1")).isEqualTo(1);
    assertThat(ran("a:1")).isEqualTo(1);
    assertThat(ran("c:1")).isZero();
    PatchUsage usage = only(PatchScan.of(h.store, "fan"));
    assertThat(usage.mayTakeOldPath()).as("the run ended: nothing needs the old branch").isZero();
    assertThat(usage.oldBranchCanGo()).isTrue();
  }

  @Test
  void theSameIdForADifferentChangeAndMalformedIdsAreClearErrors() {
    Workflow<In, String> reused =
        Workflow.of(
            "doc",
            In.class,
            String.class,
            (ctx, in) -> {
              ctx.patched("review"); // decided true at the frontier of a new run
              ctx.call(step("draft"), in.text());
              ctx.awaitSignal("start", String.class);
              return "x";
            });
    Workflow<In, String> laterRelease =
        Workflow.of(
            "doc",
            In.class,
            String.class,
            (ctx, in) -> {
              ctx.patched("review");
              ctx.call(step("draft"), in.text());
              if (ctx.patched("review")) { // added later under the same id, behind recorded work
                ctx.call(step("extra"), in.text());
              }
              ctx.awaitSignal("start", String.class);
              return "x";
            });
    String id = h.start(reused, new In("r"));
    h.executeOnce(reused, id, h.store, "w1", Optional.empty());
    signal(id, "start");

    RunInfo failed = h.runToEnd(laterRelease, id);

    assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
    assertThat(failed.error().orElseThrow())
        .contains(NonDeterminismException.class.getName())
        .contains("patch 'review'", "names a different change", "id of its own");
    assertThat(ran("extra:r")).isZero();
    assertThatThrownBy(() -> Patches.patched(Scope.root(null, "wf"), " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a patch id must not be blank");
    assertThatThrownBy(() -> Patches.patched(Scope.root(null, "wf"), "a/b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad patch id 'a/b'");
  }

  @Test
  void theUsageReportSaysWhichUnfinishedRunsMayTakeTheOldBranch() {
    String past = suspendedOnOldCode("p", "start"); // will replay the old branch
    String before = suspendedOnOldCode("b"); // has not reached the place yet
    h.clock.advance(java.time.Duration.ofMinutes(1));
    String fresh = h.start(newCode, new In("f"));
    signal(fresh, "start");
    h.executeOnce(newCode, fresh, h.store, "new-worker", Optional.empty()); // waits for "go"

    PatchUsage u = only(PatchScan.of(h.store, "doc"));
    assertThat(u.patch()).isEqualTo("review");
    assertThat(u.newPath()).isEqualTo(1);
    assertThat(u.oldPath()).isZero();
    assertThat(u.notReached()).as("both old runs might have passed it").isEqualTo(2);
    assertThat(u.oldBranchCanGo()).isFalse();

    signal(past, "go");
    h.executeOnce(newCode, past, h.store, "new-worker", Optional.empty());
    signal(before, "start");
    h.executeOnce(newCode, before, h.store, "new-worker", Optional.empty());
    u = only(PatchScan.of(h.store, "doc"));
    assertThat(h.info(past).status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(u.oldPath()).isZero();
    assertThat(u.newPath()).as("the fresh run and the one that had not reached it").isEqualTo(2);
    assertThat(u.mayTakeOldPath()).isZero();
    assertThat(u.oldBranchCanGo()).isTrue();
  }

  private static PatchUsage only(List<PatchUsage> all) {
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  private String count(String name, int i) {
    ledger.computeIfAbsent(name + ":" + i, k -> new AtomicInteger()).incrementAndGet();
    return name + i;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
