package dev.spool.cli;

import static dev.spool.cli.ProcessFleet.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.RunStatus;
import dev.spool.Spool;
import dev.spool.client.RunResult;
import dev.spool.client.RunView;
import dev.spool.client.SpoolClient;
import dev.spool.server.ApiKeys;
import dev.spool.store.RunInfo;
import dev.spool.store.RunRules;
import dev.spool.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Code changes and deploys with real processes, as a user runs them, on one store (each store's
 * test mixes this in): the README's production commands on a fresh store, a version bump under
 * blue-green, and a worker that lacks the workflow. Nothing fails because of which worker took a
 * run.
 */
interface DeploysContract {
  /** A fresh, empty store for this test, with processes for it; closed by the test. */
  Fixture fixture() throws Exception;

  /** The store, the processes on it, and the command line on it. */
  record Fixture(Store store, ProcessFleet fleet, Cli cli, AutoCloseable resources)
      implements AutoCloseable {
    @Override
    public void close() throws Exception {
      fleet.close();
      store.close();
      resources.close();
    }
  }

  private static Map<String, String> triage(String versions) {
    return Map.of(TriageVersions.ENV, versions);
  }

  @Test
  default void theReadmeProductionCommandsRunARunOnAFreshStore() throws Exception {
    try (Fixture f = fixture()) {
      Cli.Result key = f.cli().run("keys", "create", "--name", "ci");
      assertThat(key.exit()).as(key.err()).isZero();
      String apiKey =
          key.out().lines().filter(l -> l.startsWith(ApiKeys.PREFIX)).findFirst().orElseThrow();
      SpoolProcess api = f.fleet().api("api");
      // As the README writes them (ProcessFleet.worker would add test settings)
      SpoolProcess worker =
          f.fleet().spawn("worker", "worker", "--deployment", "blue", "--concurrency", "32");
      ProcessFleet.awaitWorker(worker);
      try (SpoolClient client = ProcessFleet.client(api, apiKey)) {
        String id = client.start("hello", "{\"name\":\"Ada\"}").runId();
        RunResult r = client.awaitResult(id, Duration.ofSeconds(60)).orElseThrow();
        assertThat(r.isCompleted()).as("%s%n%s", r, worker.log()).isTrue();
        assertThat(f.store().getRun(id).orElseThrow().deployment())
            .as("no deployment was promoted: the run is pinned to none")
            .isEqualTo(RunRules.UNPINNED);
      }
    }
  }

  @Test
  default void aVersionBumpUnderBlueGreenFinishesOldRunsOnOldCodeAndNewRunsOnNew()
      throws Exception {
    try (Fixture f = fixture()) {
      SpoolProcess blue = f.fleet().worker("blue", triage("1"), "--deployment", "blue");
      ProcessFleet.awaitWorker(blue);
      Spool v1Api = Spool.builder(f.store()).register(TriageVersions.V1).build();
      List<String> old = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        old.add(v1Api.start("triage", "{\"id\":\"T-" + i + "\"}").run().runId());
      }
      await("v1's runs wait for their signal", 60, () -> allWaiting(f.store(), old));

      SpoolProcess green = f.fleet().worker("green", triage("2"), "--deployment", "green");
      ProcessFleet.awaitWorker(green);
      Cli.Result promoted = f.cli().run("deployments", "promote", "green");
      assertThat(promoted.exit()).as(promoted.err()).isZero();
      // The API plane now has both versions: new runs take the newest.
      Spool api = Spool.builder(f.store()).register(TriageVersions.V1, TriageVersions.V2).build();
      List<String> fresh = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        fresh.add(api.start("triage", "{\"id\":\"N-" + i + "\"}").run().runId());
      }
      for (String id : fresh) {
        RunInfo r = f.store().getRun(id).orElseThrow();
        assertThat(r.version()).isEqualTo("2");
        assertThat(r.deployment()).isEqualTo("green");
      }
      await("v2's runs wait for their signal", 60, () -> allWaiting(f.store(), fresh));
      // This process registers neither version: both are listed while their runs are in flight.
      Cli.Result listed = f.cli().run("workflows");
      assertThat(listed.out())
          .containsPattern("triage +v1 +3 +not registered here")
          .containsPattern("triage +v2 +2 +not registered here");

      for (String id : old) {
        api.signal(id, "approve", "{\"approved\":true}");
      }
      for (String id : fresh) {
        api.signal(id, "approve", "{\"approved\":true}");
      }
      for (String id : old) {
        RunInfo r = awaitEnd(f.store(), id);
        assertThat(r.status()).as("%s%n%s", r, blue.log()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.result().orElseThrow()).startsWith("\"v1:");
        assertThat(workerPids(f.store(), id)).containsOnly(blue.pid());
      }
      for (String id : fresh) {
        RunInfo r = awaitEnd(f.store(), id);
        assertThat(r.status()).as("%s%n%s", r, green.log()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.result().orElseThrow()).startsWith("\"v2:");
        assertThat(workerPids(f.store(), id)).containsOnly(green.pid());
      }
      assertThat(blue.log() + green.log()).doesNotContain("NonDeterminism", "UnknownWorkflow");
    }
  }

  @Test
  default void aWorkerWithoutTheWorkflowLeavesTheRunQueuedSayingWhyUntilAGoodOneComes()
      throws Exception {
    try (Fixture f = fixture()) {
      String key = ApiKeys.create(f.store().keys(), "t", Instant.now()).key();
      SpoolProcess api = f.fleet().spawn("api", triage("1"), "api", "--port", "0");
      SpoolProcess bad = f.fleet().worker("bad"); // no SPOOL_TEST_TRIAGE: a bad deploy
      bad.awaitLog("\nruns ", 90);
      assertThat(bad.log()).doesNotContain("triage");
      try (SpoolClient client = ProcessFleet.client(api, key)) {
        String id = client.start("triage", "{\"id\":\"T-9\"}").runId();
        await(
            "the API says what the run waits for",
            30,
            () ->
                client
                    .run(id)
                    .waitingFor()
                    .filter(w -> w.contains("no live worker has triage v1"))
                    .isPresent());
        Thread.sleep(2000); // the bad worker polls several times meanwhile
        RunView still = client.run(id);
        assertThat(still.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(still.attempt()).as("no worker ever took it").isZero();

        SpoolProcess good = f.fleet().worker("good", triage("1"));
        ProcessFleet.awaitWorker(good);
        await("the good worker takes it", 60, () -> client.run(id).status() == RunStatus.WAITING);
        client.signal(id, "approve", "{\"approved\":false}");
        RunResult r = client.awaitResult(id, Duration.ofSeconds(60)).orElseThrow();
        assertThat(r.isCompleted()).as("%s%n%s", r, good.log()).isTrue();
        assertThat(r.result().orElseThrow()).isEqualTo("\"v1:bug:T-9:false\"");
        assertThat(workerPids(f.store(), id)).containsOnly(good.pid());
      }
    }
  }

  private static boolean allWaiting(Store store, List<String> ids) {
    return ids.stream()
        .allMatch(id -> store.getRun(id).map(r -> r.status() == RunStatus.WAITING).orElse(false));
  }

  private static RunInfo awaitEnd(Store store, String id) throws Exception {
    await(
        "run " + id + " ends",
        60,
        () -> store.getRun(id).map(r -> r.status().isTerminal()).orElse(false));
    return store.getRun(id).orElseThrow();
  }

  private static List<Long> workerPids(Store store, String id) {
    return ProcessFleet.workerPids(ProcessFleet.events(store, id));
  }
}
