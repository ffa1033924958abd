package dev.spool.store;

import static dev.spool.store.StoreFixtures.TTL;
import static dev.spool.store.StoreFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Where a run may go ({@link RunRules#placeable}): to a worker of the deployment it is pinned to,
 * or of any deployment while it is pinned to none, and only to a worker that has registered its
 * workflow at its version. Every claim path (oldest queued, due waiting, named run, take-over)
 * obeys it.
 */
public interface PlacementContract extends StoreContract {
  WorkflowVersion TRIAGE_1 = new WorkflowVersion("triage", "1");
  WorkflowVersion TRIAGE_2 = new WorkflowVersion("triage", "2");
  WorkflowVersion DIGEST_1 = new WorkflowVersion("digest", "1");

  private static NewRun run(String id, WorkflowVersion v, String deployment, Instant at) {
    return new NewRun(id, v.name(), v.version(), "{}", Optional.empty(), deployment, at);
  }

  private static Commit transition(Transition t) {
    return new Commit(List.of(), List.of(), Optional.of(t));
  }

  private Optional<String> claim(String deployment, Set<WorkflowVersion> runnable, Instant now) {
    return store()
        .claim(ClaimRequest.next("w-" + deployment, deployment, now, TTL).runnable(runnable))
        .map(c -> c.run().runId());
  }

  @Test
  default void anUnpinnedRunGoesToAWorkerOfAnyDeployment() {
    store().createRun(run("r1", TRIAGE_1, RunRules.UNPINNED, at(1)));
    store().createRun(run("r2", TRIAGE_1, RunRules.UNPINNED, at(2)));
    assertThat(claim("blue", Set.of(TRIAGE_1), at(3))).contains("r1");
    assertThat(claim("green", Set.of(TRIAGE_1), at(3))).contains("r2");
  }

  @Test
  default void aPinnedRunGoesOnlyToItsDeployment() {
    store().createRun(run("r1", TRIAGE_1, "blue", at(1)));
    assertThat(claim("green", Set.of(TRIAGE_1), at(2))).isEmpty();
    assertThat(claim("blue", Set.of(TRIAGE_1), at(2))).contains("r1");
  }

  @Test
  default void aWorkerTakesOnlyTheVersionsItRuns() {
    store().createRun(run("old", TRIAGE_1, RunRules.UNPINNED, at(1)));
    store().createRun(run("new", TRIAGE_2, RunRules.UNPINNED, at(2)));
    store().createRun(run("other", DIGEST_1, RunRules.UNPINNED, at(3)));

    assertThat(claim("blue", Set.of(TRIAGE_2), at(4))).contains("new");
    assertThat(claim("blue", Set.of(TRIAGE_2), at(4))).isEmpty();
    assertThat(claim("blue", Set.of(), at(4))).as("a worker that runs nothing").isEmpty();
    assertThat(claim("blue", Set.of(DIGEST_1, TRIAGE_1), at(4))).contains("old");
    assertThat(claim("blue", Set.of(DIGEST_1, TRIAGE_1), at(4))).contains("other");
  }

  @Test
  default void theOldestRunnableRunComesFirstAcrossVersionsAndPinning() {
    store().createRun(run("c", TRIAGE_2, "blue", at(3)));
    store().createRun(run("a", TRIAGE_1, RunRules.UNPINNED, at(1)));
    store().createRun(run("b", TRIAGE_2, RunRules.UNPINNED, at(2)));
    store().createRun(run("skip", DIGEST_1, "blue", at(0)));
    List<String> order = new ArrayList<>();
    Optional<String> next;
    while ((next = claim("blue", Set.of(TRIAGE_1, TRIAGE_2), at(9))).isPresent()) {
      order.add(next.get());
    }
    assertThat(order).containsExactly("a", "b", "c");
  }

  @Test
  default void aDueWaitingRunIsPlacedByTheSameRule() {
    store().createRun(run("r1", TRIAGE_1, RunRules.UNPINNED, at(1)));
    Lease lease =
        store()
            .claim(ClaimRequest.next("w", "blue", at(2), TTL).runnable(Set.of(TRIAGE_1)))
            .orElseThrow()
            .lease();
    store().commit(lease, transition(Transition.waitingUntil(at(5))));

    assertThat(claim("blue", Set.of(TRIAGE_1), at(4))).as("not yet due").isEmpty();
    assertThat(claim("green", Set.of(TRIAGE_2), at(6))).as("a worker without v1").isEmpty();
    assertThat(claim("green", Set.of(TRIAGE_1), at(6))).contains("r1");
  }

  @Test
  default void aNamedClaimOrATakeOverObeysItToo() {
    store().createRun(run("r1", TRIAGE_1, RunRules.UNPINNED, at(1)));
    ClaimRequest v2 = ClaimRequest.next("w2", "blue", at(2), TTL).runnable(Set.of(TRIAGE_2));
    assertThat(store().claim(v2.onlyRun("r1"))).isEmpty();
    ClaimRequest v1 = ClaimRequest.next("dead", "blue", at(2), TTL).runnable(Set.of(TRIAGE_1));
    assertThat(store().claim(v1.onlyRun("r1"))).isPresent();

    assertThat(store().claim(v2.takingOverFrom("dead"))).isEmpty();
    ClaimRequest heir = ClaimRequest.next("heir", "green", at(3), TTL).runnable(Set.of(TRIAGE_1));
    assertThat(store().claim(heir.takingOverFrom("dead")))
        .hasValueSatisfying(c -> assertThat(c.lease().owner()).isEqualTo("heir"));
  }

  @Test
  default void theStoreAgreesWithTheRuleForEveryCase() {
    List<NewRun> runs =
        List.of(
            run("p1", TRIAGE_1, "blue", at(1)),
            run("p2", TRIAGE_2, "green", at(2)),
            run("u1", TRIAGE_1, RunRules.UNPINNED, at(3)),
            run("u2", DIGEST_1, RunRules.UNPINNED, at(4)));
    runs.forEach(store()::createRun);
    for (String dep : List.of("blue", "green", "canary")) {
      for (Set<WorkflowVersion> can : List.of(Set.of(TRIAGE_1), Set.of(TRIAGE_2, DIGEST_1))) {
        for (NewRun r : runs) {
          RunInfo info = store().getRun(r.runId()).orElseThrow();
          ClaimRequest req =
              ClaimRequest.next("w", dep, at(9), TTL).runnable(can).onlyRun(r.runId());
          boolean expected = RunRules.placeable(info, dep, req.runnable());
          Optional<Claim> got = store().claim(req);
          assertThat(got.isPresent()).as("%s for %s %s", r.runId(), dep, can).isEqualTo(expected);
          got.ifPresent(c -> store().commit(c.lease(), transition(Transition.requeued())));
        }
      }
    }
  }
}
