package dev.spool.store;

import static dev.spool.store.StoreFixtures.DEPLOYMENT;
import static dev.spool.store.StoreFixtures.WORKFLOW;
import static dev.spool.store.StoreFixtures.assertGapless;
import static dev.spool.store.StoreFixtures.at;
import static dev.spool.store.StoreFixtures.claimAt;
import static dev.spool.store.StoreFixtures.event;
import static dev.spool.store.StoreFixtures.newRun;
import static dev.spool.store.StoreFixtures.progress;
import static dev.spool.store.StoreFixtures.runId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.RunStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link RunStore} runs, listing, event reads and waits. Claims, leases, fencing and transitions
 * are in {@link LeaseContract}; writes from outside a lease in {@link ControlContract}; concurrent
 * appends in {@link ConcurrencyContract}.
 */
public interface RunContract extends StoreContract {

  @Test
  default void createRunWritesQueuedRunWithQueuedEventAtSeqOne() {
    NewRun spec = newRun(runId(1), at(1));

    CreateResult created = store().createRun(spec);

    assertThat(created.created()).isTrue();
    RunInfo run = created.run();
    assertThat(run.runId()).isEqualTo(spec.runId());
    assertThat(run.workflow()).isEqualTo(WORKFLOW);
    assertThat(run.version()).isEqualTo("v1");
    assertThat(run.input()).isEqualTo(spec.input());
    assertThat(run.deployment()).isEqualTo(DEPLOYMENT);
    assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(run.createdAt()).isEqualTo(at(1));
    assertThat(run.lastSeq()).isEqualTo(1);
    assertThat(run.attempt()).isZero();
    assertThat(run.result()).isEmpty();
    assertThat(run.error()).isEmpty();
    assertThat(run.startedAt()).isEmpty();
    assertThat(run.finishedAt()).isEmpty();
    assertThat(run.leaseOwner()).isEmpty();
    assertThat(run.heartbeatAt()).isEmpty();
    assertThat(run.resumeAt()).isEmpty();
    assertThat(run.idempotencyKey()).isEmpty();
    assertThat(store().getRun(spec.runId())).contains(run);

    List<Event> events = allEvents(spec.runId());
    assertThat(events).hasSize(1);
    Event queued = events.get(0);
    assertThat(queued.seq()).isEqualTo(1);
    assertThat(queued.runId()).isEqualTo(spec.runId());
    assertThat(queued.type()).isEqualTo(EventTypes.RUN_QUEUED);
    assertThat(queued.ts()).isEqualTo(at(1));
    assertThat(queued.path()).isEmpty();
    assertThat(queued.attempt()).as("no attempt has started").isZero();
    assertThat(queued.data()).isEqualTo("{}");
  }

  @Test
  default void idempotencyKeyReturnsTheFirstRunAndWritesNothing() {
    NewRun first = newRun(runId(1), WORKFLOW, DEPLOYMENT, at(1), Optional.of("key-1"));
    RunInfo original = store().createRun(first).run();
    assertThat(original.idempotencyKey()).contains("key-1");

    CreateResult again =
        store().createRun(newRun(runId(2), WORKFLOW, DEPLOYMENT, at(2), Optional.of("key-1")));

    assertThat(again.created()).isFalse();
    assertThat(again.run()).isEqualTo(original);
    assertThat(store().getRun(runId(2))).isEmpty();
    assertThat(allEvents(runId(1))).hasSize(1);
    assertThat(allEvents(runId(2))).isEmpty();
    assertThat(store().listRuns(RunQuery.latest(10))).hasSize(1);
  }

  @Test
  default void differentIdempotencyKeysMakeDifferentRuns() {
    CreateResult a =
        store().createRun(newRun(runId(1), WORKFLOW, DEPLOYMENT, at(1), Optional.of("key-a")));
    CreateResult b =
        store().createRun(newRun(runId(2), WORKFLOW, DEPLOYMENT, at(2), Optional.of("key-b")));

    assertThat(a.created()).isTrue();
    assertThat(b.created()).isTrue();
    assertThat(b.run().runId()).isEqualTo(runId(2));
    assertThat(store().listRuns(RunQuery.latest(10))).hasSize(2);
  }

  @Test
  default void reusedRunIdWithoutKeyIsRejected() {
    store().createRun(newRun(runId(1), at(1)));
    assertThatThrownBy(() -> store().createRun(newRun(runId(1), at(2))))
        .isInstanceOf(StoreException.class);
    assertThat(allEvents(runId(1))).hasSize(1);
  }

  @Test
  default void unknownRunIsEmpty() {
    assertThat(store().getRun("no-such-run")).isEmpty();
    assertThat(store().readEvents("no-such-run", 0, 10)).isEmpty();
  }

  @Test
  default void listRunsIsNewestFirstWithinTheLimit() {
    List<String> ids = createRuns(5);

    assertThat(store().listRuns(RunQuery.latest(10)))
        .extracting(RunInfo::runId)
        .containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));
    assertThat(store().listRuns(RunQuery.latest(2)))
        .extracting(RunInfo::runId)
        .containsExactly(ids.get(4), ids.get(3));
  }

  @Test
  default void listRunsFiltersByStatusAndWorkflow() {
    createRuns(3);
    store().createRun(newRun(runId(4), "other-flow", DEPLOYMENT, at(4), Optional.empty()));
    Lease lease = store().claim(claimAt("w1", at(10))).map(Claim::lease).orElseThrow();

    assertThat(store().listRuns(RunQuery.latest(10).withStatus(RunStatus.RUNNING)))
        .extracting(RunInfo::runId)
        .containsExactly(lease.runId());
    assertThat(store().listRuns(RunQuery.latest(10).withStatus(RunStatus.QUEUED)))
        .extracting(RunInfo::runId)
        .containsExactly(runId(4), runId(3), runId(2));
    assertThat(store().listRuns(RunQuery.latest(10).withWorkflow("other-flow")))
        .extracting(RunInfo::runId)
        .containsExactly(runId(4));
    assertThat(
            store()
                .listRuns(RunQuery.latest(10).withWorkflow(WORKFLOW).withStatus(RunStatus.QUEUED)))
        .extracting(RunInfo::runId)
        .containsExactly(runId(3), runId(2));
    assertThat(store().listRuns(RunQuery.latest(10).withStatus(RunStatus.FAILED))).isEmpty();
  }

  @Test
  default void listRunsPagesWithBeforeRunId() {
    List<String> ids = createRuns(7);

    assertThat(store().listRuns(RunQuery.latest(2).before(ids.get(3))))
        .extracting(RunInfo::runId)
        .containsExactly(ids.get(2), ids.get(1));

    List<String> seen = new ArrayList<>();
    RunQuery query = RunQuery.latest(3);
    while (true) {
      List<RunInfo> page = store().listRuns(query);
      assertThat(page.size()).isLessThanOrEqualTo(3);
      if (page.isEmpty()) {
        break;
      }
      page.forEach(r -> seen.add(r.runId()));
      query = query.before(page.get(page.size() - 1).runId());
    }
    assertThat(seen).containsExactlyElementsOf(ids.reversed());
    assertThat(store().listRuns(RunQuery.latest(10).before("no-such-run")))
        .as("a cursor naming no run lists nothing")
        .isEmpty();
  }

  @Test
  default void listRunsPagesByCreationTimeNotById() {
    store().createRun(newRun("z-first", at(1)));
    store().createRun(newRun("a-second", at(2)));
    assertThat(store().listRuns(RunQuery.latest(10).before("a-second")))
        .extracting(RunInfo::runId)
        .containsExactly("z-first");
  }

  @Test
  default void commitAppendsEventsInOrderWithGaplessSeq() {
    Lease lease = createAndClaim("w1");
    NewEvent e2 = new NewEvent(EventTypes.RUN_STARTED, at(11), "", 1, "{\"n\":2}");
    NewEvent e3 = new NewEvent(EventTypes.STEP_STARTED, at(12), "wf/a#0", 2, "{\"n\":3}");
    NewEvent e4 = progress(at(13), "{\"pct\":40,\"s\":\"é \\\"q\\\"\"}");

    assertThat(store().commit(lease, Commit.of(e2, e3, e4))).isEqualTo(4);
    assertThat(store().commit(lease, Commit.of(event("a", at(14)), event("b", at(15)))))
        .isEqualTo(6);

    List<Event> events = allEvents(lease.runId());
    assertGapless(events, 6);
    assertThat(events.get(1))
        .isEqualTo(new Event(2, lease.runId(), e2.type(), e2.ts(), "", 1, "{\"n\":2}"));
    assertThat(events.get(2))
        .isEqualTo(new Event(3, lease.runId(), e3.type(), e3.ts(), "wf/a#0", 2, "{\"n\":3}"));
    assertThat(events.get(3).data()).isEqualTo(e4.data());
    assertThat(events).extracting(Event::type).endsWith("a", "b");
    assertThat(run(lease.runId()).lastSeq()).isEqualTo(6);
  }

  @Test
  default void readEventsHonoursAfterAndLimit() {
    Lease lease = createAndClaim("w1");
    for (int i = 2; i <= 10; i++) {
      store().commit(lease, Commit.of(event("e" + i, at(10 + i))));
    }

    assertThat(store().readEvents(lease.runId(), 3, 4))
        .extracting(Event::seq)
        .containsExactly(4L, 5L, 6L, 7L);
    assertThat(store().readEvents(lease.runId(), 8, 100))
        .extracting(Event::seq)
        .containsExactly(9L, 10L);
    assertThat(store().readEvents(lease.runId(), 0, 1)).extracting(Event::seq).containsExactly(1L);
    assertThat(store().readEvents(lease.runId(), 10, 10)).isEmpty();
    assertThat(store().readEvents(lease.runId(), 1_000, 10)).isEmpty();
  }

  @Test
  default void awaitEventsReturnsAtOnceWhenEventsAreThere() throws Exception {
    String id = createRuns(1).get(0);
    assertThat(store().awaitEvents(id, 0, 10, Duration.ofSeconds(30)))
        .extracting(Event::type)
        .containsExactly(EventTypes.RUN_QUEUED);
  }

  @Test
  default void awaitEventsWakesWhenAnotherThreadCommits() throws Exception {
    Lease lease = createAndClaim("w1");
    CompletableFuture<List<Event>> waiter =
        CompletableFuture.supplyAsync(
            () -> await(store(), lease.runId(), 1, Duration.ofMinutes(1)));
    Thread.sleep(100);
    assertThat(waiter).isNotDone();

    store().commit(lease, Commit.of(event("wake", at(11))));

    // Far shorter than the waiter's maxWait: it must be woken by the commit.
    List<Event> got = waiter.get(20, TimeUnit.SECONDS);
    assertThat(got).extracting(Event::seq).containsExactly(2L);
    assertThat(got.get(0).type()).isEqualTo("wake");
  }

  @Test
  default void awaitEventsTimesOutEmpty() throws Exception {
    String id = createRuns(1).get(0);
    assertThat(store().awaitEvents(id, 1, 10, Duration.ofMillis(150))).isEmpty();
    assertThat(store().awaitEvents(id, 1, 10, Duration.ZERO)).isEmpty();
  }

  @Test
  default void awaitEventsHonoursInterruption() throws Exception {
    String id = createRuns(1).get(0);
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread waiter =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    store().awaitEvents(id, 1, 10, Duration.ofMinutes(1));
                    outcome.complete(null);
                  } catch (Throwable t) {
                    outcome.complete(t);
                  }
                });
    Thread.sleep(100);
    waiter.interrupt();
    assertThat(outcome.get(20, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
  }

  @Test
  default void awaitEventsSeesACommitFromAnotherClient() throws Exception {
    Optional<Store> other = secondClient();
    assumeTrue(other.isPresent(), "store has no second client");
    Lease lease = createAndClaim("w1");
    CompletableFuture<List<Event>> waiter =
        CompletableFuture.supplyAsync(
            () -> await(other.get(), lease.runId(), 1, Duration.ofMinutes(1)));
    Thread.sleep(100);

    store().commit(lease, Commit.of(event("from-first", at(11))));

    assertThat(waiter.get(20, TimeUnit.SECONDS))
        .extracting(Event::type)
        .containsExactly("from-first");
  }

  @Test
  default void describeSaysWhatTheStoreIs() {
    assertThat(store().describe()).isNotBlank();
  }

  private static List<Event> await(Store from, String runId, long after, Duration maxWait) {
    try {
      return from.awaitEvents(runId, after, 100, maxWait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
