package dev.spool.cli;

import static dev.spool.cli.ProcessFleet.assertCompletedWithoutRepeats;
import static dev.spool.cli.ProcessFleet.await;
import static dev.spool.cli.ProcessFleet.events;
import static dev.spool.cli.ProcessFleet.workerPids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.RunStatus;
import dev.spool.Spool;
import dev.spool.Workflow;
import dev.spool.builtin.Builtins;
import dev.spool.store.RunInfo;
import dev.spool.store.redis.RedisRunStore;
import dev.spool.testkit.RedisServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blue-green on Redis with real worker processes: runs started on v1 finish on v1's workers after
 * v2 is promoted, new runs go to v2's worker, and v1's workers exit by themselves once v1 holds no
 * run. Promotion and listing go through the {@code spool deployments} command.
 */
class RedisBlueGreenIT {
  private static final int STEPS = 15;
  private static final String LONG = "{\"steps\":" + STEPS + ",\"stepMillis\":200}";

  @TempDir Path dir;

  @Test
  void v1RunsFinishOnV1NewRunsGoToV2AndV1WorkersExitWhenDrained() throws Exception {
    try (RedisServer redis = RedisServer.start(dir.resolve("redis"));
        RedisRunStore store = RedisRunStore.open(redis.uri());
        ProcessFleet fleet = new ProcessFleet(dir, redis.uri())) {
      Cli cli = new Cli(redis.uri());
      assertThat(cli.run("deployments", "promote", "v1").exit()).isZero();
      SpoolProcess v1a = fleet.worker("v1-a", "--deployment", "v1");
      SpoolProcess v1b = fleet.worker("v1-b", "--deployment", "v1");
      ProcessFleet.awaitWorker(v1a);
      ProcessFleet.awaitWorker(v1b);
      Spool api =
          Spool.builder(store).register(Builtins.all().toArray(new Workflow<?, ?>[0])).build();

      List<String> v1Runs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        v1Runs.add(api.start("steps", LONG).run().runId());
      }
      await("v1's runs are running", 60, () -> allRunning(store, v1Runs));

      Cli.Result promoted = cli.run("deployments", "promote", "v2");
      assertThat(promoted.exit()).as(promoted.err()).isZero();
      assertThat(promoted.out()).contains("deployment v2 is active; v1 is retired");
      SpoolProcess v2 = fleet.worker("v2", "--deployment", "v2");
      ProcessFleet.awaitWorker(v2);
      List<String> v2Runs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        v2Runs.add(api.start("steps", LONG).run().runId());
      }

      List<String> all = new ArrayList<>(v1Runs);
      all.addAll(v2Runs);
      await("every run ended", 120, () -> allEnded(store, all));
      for (String id : v1Runs) {
        RunInfo run = store.getRun(id).orElseThrow();
        assertThat(run.deployment()).isEqualTo("v1");
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(workerPids(events(store, id))).isSubsetOf(Set.of(v1a.pid(), v1b.pid()));
        assertCompletedWithoutRepeats(events(store, id), STEPS);
      }
      for (String id : v2Runs) {
        RunInfo run = store.getRun(id).orElseThrow();
        assertThat(run.deployment()).isEqualTo("v2");
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(workerPids(events(store, id))).containsOnly(v2.pid());
        assertCompletedWithoutRepeats(events(store, id), STEPS);
      }

      assertThat(v1a.awaitExit(60)).as(v1a.log()).isZero();
      assertThat(v1b.awaitExit(60)).as(v1b.log()).isZero();
      assertThat(v1a.log()).contains("deployment v1 is retired and holds no more runs");
      assertThat(v2.isAlive()).isTrue();
      Cli.Result listed = cli.run("deployments");
      assertThat(listed.outLines())
          .anySatisfy(l -> assertThat(l).startsWith("v1").contains("retired").contains("drained"))
          .anySatisfy(l -> assertThat(l).startsWith("v2").contains("active"));
    }
  }

  private static boolean allRunning(RedisRunStore store, List<String> ids) {
    return ids.stream()
        .allMatch(id -> store.getRun(id).orElseThrow().status() == RunStatus.RUNNING);
  }

  private static boolean allEnded(RedisRunStore store, List<String> ids) {
    return ids.stream().allMatch(id -> store.getRun(id).orElseThrow().status().isTerminal());
  }
}
