package dev.spool.store;

import static dev.spool.store.StoreFixtures.at;
import static dev.spool.store.StoreFixtures.newRun;
import static dev.spool.store.StoreFixtures.runId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@link FleetStore} role: the worker registry and deployment promotion (blue-green). */
public interface FleetContract extends StoreContract {
  Set<WorkflowVersion> V1_V2 =
      Set.of(new WorkflowVersion("ticket-triage", "1"), new WorkflowVersion("ticket-triage", "2"));

  @Test
  default void workersAreListedWhileTheyBeat() {
    store().fleet().beatWorker(new WorkerBeat("w2", "blue", at(0), at(10), 1, false, Set.of()));
    store().fleet().beatWorker(new WorkerBeat("w1", "blue", at(0), at(12), 0, false, Set.of()));
    store().fleet().beatWorker(new WorkerBeat("w3", "green", at(0), at(5), 0, true, V1_V2));

    assertThat(store().fleet().workers(at(10)))
        .extracting(WorkerBeat::workerId)
        .containsExactly("w1", "w2");
    assertThat(store().fleet().workers(at(0)))
        .extracting(WorkerBeat::workerId)
        .containsExactly("w1", "w2", "w3");
    WorkerBeat w3 = store().fleet().workers(at(0)).get(2);
    assertThat(w3.draining()).isTrue();
    assertThat(w3.deployment()).isEqualTo("green");
    assertThat(w3.workflows()).isEqualTo(V1_V2);
    assertThat(store().fleet().workers(at(0)).get(0).workflows()).isEmpty();

    store().fleet().beatWorker(new WorkerBeat("w3", "green", at(0), at(20), 2, false, V1_V2));
    assertThat(store().fleet().workers(at(15)))
        .extracting(WorkerBeat::workerId)
        .containsExactly("w3");
    store().fleet().removeWorker("w3");
    assertThat(store().fleet().workers(at(15))).isEmpty();
  }

  @Test
  default void promotingRetiresTheActiveDeploymentAndCountsRunsInFlight() {
    assertThat(store().fleet().activeDeployment()).isEmpty();
    store().createRun(newRun(runId(1), "wf", "blue", at(1), Optional.empty()));
    store().createRun(newRun(runId(2), "wf", "blue", at(2), Optional.empty()));
    store().fleet().promote("blue", at(3));
    store().fleet().promote("green", at(4));
    store().createRun(newRun(runId(3), "wf", "green", at(5), Optional.empty()));
    store().requestCancel(runId(2), "", at(6));

    assertThat(store().fleet().activeDeployment()).contains("green");
    assertThat(store().fleet().deployments())
        .containsExactly(
            new DeploymentInfo("blue", DeploymentInfo.State.RETIRED, Optional.of(at(3)), 1),
            new DeploymentInfo("green", DeploymentInfo.State.ACTIVE, Optional.of(at(4)), 1));
    store().requestCancel(runId(1), "", at(7));
    assertThat(store().fleet().deployments().get(0).drained()).isTrue();
    assertThat(store().fleet().deployments().get(1).drained()).isFalse();
  }

  @Test
  default void aDeploymentKnownOnlyFromItsRunsIsNew() {
    store().createRun(newRun(runId(1), "wf", "canary", at(1), Optional.empty()));
    assertThat(store().fleet().deployments())
        .containsExactly(
            new DeploymentInfo("canary", DeploymentInfo.State.NEW, Optional.empty(), 1));
    store().fleet().promote("canary", at(2));
    store().fleet().promote("canary", at(3));
    assertThat(store().fleet().deployments())
        .containsExactly(
            new DeploymentInfo("canary", DeploymentInfo.State.ACTIVE, Optional.of(at(3)), 1));
  }

  @Test
  default void unfinishedRunsAreCountedByWorkflowVersion() {
    store().createRun(newRun(runId(1), "wf", "blue", at(1), Optional.empty()));
    store().createRun(newRun(runId(2), "wf", "blue", at(2), Optional.empty()));
    store().createRun(newRun(runId(3), "other", "", at(3), Optional.empty()));
    store().requestCancel(runId(2), "", at(4));

    assertThat(store().fleet().inFlightByVersion())
        .containsExactly(
            Map.entry(new WorkflowVersion("other", "v1"), 1L),
            Map.entry(new WorkflowVersion("wf", "v1"), 1L));
  }

  @Test
  default void movingTakesOnlyQueuedRunsNoWorkerStarted() {
    store().createRun(newRun(runId(1), "wf", "default", at(1), Optional.empty()));
    store().createRun(newRun(runId(2), "wf", "default", at(2), Optional.empty()));
    store().createRun(newRun(runId(3), "wf", "default", at(3), Optional.empty()));
    store().createRun(newRun(runId(4), "wf", "green", at(4), Optional.empty()));
    // run 1 is started by a worker of default: it stays with that code
    assertThat(store().claim(ClaimRequest.next("w", "default", at(5), StoreFixtures.TTL)))
        .hasValueSatisfying(c -> assertThat(c.run().runId()).isEqualTo(runId(1)));
    store().requestCancel(runId(3), "", at(6));

    assertThat(store().fleet().moveQueued("default", "blue")).isEqualTo(1);
    assertThat(store().getRun(runId(1)).orElseThrow().deployment()).isEqualTo("default");
    assertThat(store().getRun(runId(2)).orElseThrow().deployment()).isEqualTo("blue");
    assertThat(store().getRun(runId(3)).orElseThrow().deployment()).isEqualTo("default");
    assertThat(store().getRun(runId(4)).orElseThrow().deployment()).isEqualTo("green");
    assertThat(store().fleet().moveQueued("default", "blue")).isZero();

    // the moved run is claimable by blue's workers only, and counted under blue
    assertThat(store().claim(ClaimRequest.next("g", "green", at(7), StoreFixtures.TTL)))
        .hasValueSatisfying(c -> assertThat(c.run().runId()).isEqualTo(runId(4)));
    assertThat(store().claim(ClaimRequest.next("d", "default", at(7), StoreFixtures.TTL)))
        .isEmpty();
    assertThat(store().claim(ClaimRequest.next("b", "blue", at(7), StoreFixtures.TTL)))
        .hasValueSatisfying(c -> assertThat(c.run().runId()).isEqualTo(runId(2)));
    assertThat(store().fleet().deployments())
        .extracting(DeploymentInfo::id, DeploymentInfo::runsInFlight)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("blue", 1L),
            org.assertj.core.groups.Tuple.tuple("default", 1L),
            org.assertj.core.groups.Tuple.tuple("green", 1L));
  }
}
