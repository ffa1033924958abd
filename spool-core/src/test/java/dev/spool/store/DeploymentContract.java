package dev.spool.store;

import static dev.spool.store.StoreFixtures.at;
import static dev.spool.store.StoreFixtures.newRun;
import static dev.spool.store.StoreFixtures.runId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The blue-green part of the suite: the worker registry and deployment promotion. */
public abstract class DeploymentContract extends LimitsContract {

  @Test
  void workersAreListedWhileTheyBeat() {
    store.beatWorker(new WorkerBeat("w2", "blue", at(0), at(10), 1, false));
    store.beatWorker(new WorkerBeat("w1", "blue", at(0), at(12), 0, false));
    store.beatWorker(new WorkerBeat("w3", "green", at(0), at(5), 0, true));

    assertThat(store.workers(at(10))).extracting(WorkerBeat::workerId).containsExactly("w1", "w2");
    assertThat(store.workers(at(0)))
        .extracting(WorkerBeat::workerId)
        .containsExactly("w1", "w2", "w3");
    WorkerBeat w3 = store.workers(at(0)).get(2);
    assertThat(w3.draining()).isTrue();
    assertThat(w3.deployment()).isEqualTo("green");

    store.beatWorker(new WorkerBeat("w3", "green", at(0), at(20), 2, false));
    assertThat(store.workers(at(15))).extracting(WorkerBeat::workerId).containsExactly("w3");
    store.removeWorker("w3");
    assertThat(store.workers(at(15))).isEmpty();
  }

  @Test
  void promotingRetiresTheActiveDeploymentAndCountsRunsInFlight() {
    assertThat(store.activeDeployment()).isEmpty();
    store.createRun(newRun(runId(1), "wf", "blue", at(1), Optional.empty()));
    store.createRun(newRun(runId(2), "wf", "blue", at(2), Optional.empty()));
    store.promote("blue", at(3));
    store.promote("green", at(4));
    store.createRun(newRun(runId(3), "wf", "green", at(5), Optional.empty()));
    store.requestCancel(runId(2), "", at(6));

    assertThat(store.activeDeployment()).contains("green");
    assertThat(store.deployments())
        .containsExactly(
            new DeploymentInfo("blue", DeploymentInfo.State.RETIRED, Optional.of(at(3)), 1),
            new DeploymentInfo("green", DeploymentInfo.State.ACTIVE, Optional.of(at(4)), 1));
    store.requestCancel(runId(1), "", at(7));
    assertThat(store.deployments().get(0).drained()).isTrue();
    assertThat(store.deployments().get(1).drained()).isFalse();
  }

  @Test
  void aDeploymentKnownOnlyFromItsRunsIsNew() {
    store.createRun(newRun(runId(1), "wf", "canary", at(1), Optional.empty()));
    assertThat(store.deployments())
        .containsExactly(
            new DeploymentInfo("canary", DeploymentInfo.State.NEW, Optional.empty(), 1));
    store.promote("canary", at(2));
    store.promote("canary", at(3));
    assertThat(store.deployments())
        .containsExactly(
            new DeploymentInfo("canary", DeploymentInfo.State.ACTIVE, Optional.of(at(3)), 1));
  }
}
