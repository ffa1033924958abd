package dev.spool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.RunStatus;
import dev.spool.Spool;
import dev.spool.Workflow;
import dev.spool.builtin.Builtins;
import dev.spool.store.RunInfo;
import dev.spool.store.RunStore;
import dev.spool.store.Store;
import dev.spool.store.sqlite.SqliteRunStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blue-green with real worker processes on one SQLite file: runs stay on the deployment they
 * started on, new runs go to the promoted one, and the retired deployment's workers stop by
 * themselves once it holds no runs. Nothing is lost.
 */
class BlueGreenIT {
  @TempDir Path dir;

  @Test
  void promotingMovesNewRunsAndTheOldWorkersFinishTheirsThenExit() throws Exception {
    Cli cli = new Cli(dir);
    try (Store store = SqliteRunStore.open(dir.resolve("spool.db"))) {
      Spool api =
          Spool.builder(store).register(Builtins.all().toArray(new Workflow<?, ?>[0])).build();
      assertThat(cli.run("deployments", "promote", "v1").exit()).isZero();
      try (SpoolProcess blue = worker("v1");
          SpoolProcess green = worker("v2")) {
        List<String> old = start(api, 3);
        awaitStarted(store, old);

        Cli.Result promoted = cli.run("deployments", "promote", "v2");
        List<String> fresh = start(api, 3);

        assertThat(promoted.out()).contains("deployment v2 is active; v1 is retired");
        for (String id : old) {
          assertThat(store.getRun(id).orElseThrow().deployment()).isEqualTo("v1");
          assertThat(awaitEnd(store, id).status()).isEqualTo(RunStatus.COMPLETED);
          assertThat(workersOf(store, id)).allMatch(w -> w.contains("/" + blue.pid() + "/"));
        }
        for (String id : fresh) {
          assertThat(store.getRun(id).orElseThrow().deployment()).isEqualTo("v2");
          assertThat(awaitEnd(store, id).status()).isEqualTo(RunStatus.COMPLETED);
          assertThat(workersOf(store, id)).allMatch(w -> w.contains("/" + green.pid() + "/"));
        }
        assertThat(blue.awaitExit(60)).as("v1's worker stops once v1 is drained").isZero();
        assertThat(blue.log()).contains("deployment v1 is retired and holds no more runs");
        assertThat(green.isAlive()).isTrue();

        Cli.Result list = cli.run("deployments");
        assertThat(list.outLines())
            .anySatisfy(l -> assertThat(l).startsWith("v1").contains("retired", "drained"))
            .anySatisfy(l -> assertThat(l).startsWith("v2").contains("active"));
      }
    }
  }

  private SpoolProcess worker(String deployment) throws Exception {
    SpoolProcess p =
        SpoolProcess.start(
            dir,
            "worker-" + deployment,
            "worker",
            "--store",
            "sqlite:" + dir.resolve("spool.db"),
            "--deployment",
            deployment,
            "--lease-ttl",
            "3s");
    p.awaitLog("spool worker", 60);
    return p;
  }

  private static List<String> start(Spool api, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(api.start("steps", "{\"steps\":15,\"stepMillis\":100}").run().runId());
    }
    return ids;
  }

  private static void awaitStarted(RunStore store, List<String> ids) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (String id : ids) {
      while (store.getRun(id).orElseThrow().status() == RunStatus.QUEUED) {
        assertThat(System.nanoTime()).as("run %s started", id).isLessThan(deadline);
        Thread.sleep(20);
      }
    }
  }

  /** The workers that started or resumed the run. */
  private static List<String> workersOf(RunStore store, String id) {
    return store.readEvents(id, 0, 10_000).stream()
        .filter(
            e -> e.type().equals(EventTypes.RUN_STARTED) || e.type().equals(EventTypes.RUN_RESUMED))
        .map(e -> Json.tree(e.data()).path("worker").asText())
        .toList();
  }

  private static RunInfo awaitEnd(RunStore store, String id) throws InterruptedException {
    long after = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      for (Event e : store.awaitEvents(id, after, 1000, Duration.ofSeconds(1))) {
        after = e.seq();
        if (e.isTerminal()) {
          return store.getRun(id).orElseThrow();
        }
      }
    }
    throw new AssertionError("run " + id + " did not end within 90 s");
  }
}
