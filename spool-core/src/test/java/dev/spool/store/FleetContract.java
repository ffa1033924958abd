package dev.spool.store;

import static dev.spool.store.StoreFixtures.at;
import static dev.spool.store.StoreFixtures.newRun;
import static dev.spool.store.StoreFixtures.runId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@link FleetStore} role: the worker registry and deployment promotion (blue-green). */
public interface FleetContract extends StoreContract {

  @Test
  default void workersAreListedWhileTheyBeat() {
    store().fleet().beatWorker(new WorkerBeat("w2", "blue", at(0), at(10), 1, false));
    store().fleet().beatWorker(new WorkerBeat("w1", "blue", at(0), at(12), 0, false));
    store().fleet().beatWorker(new WorkerBeat("w3", "green", at(0), at(5), 0, true));

    assertThat(store().fleet().workers(at(10)))
        .extracting(WorkerBeat::workerId)
        .containsExactly("w1", "w2");
    assertThat(store().fleet().workers(at(0)))
        .extracting(WorkerBeat::workerId)
        .containsExactly("w1", "w2", "w3");
    WorkerBeat w3 = store().fleet().workers(at(0)).get(2);
    assertThat(w3.draining()).isTrue();
    assertThat(w3.deployment()).isEqualTo("green");

    store().fleet().beatWorker(new WorkerBeat("w3", "green", at(0), at(20), 2, false));
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
}
