package dev.spool.cli;

import static dev.spool.cli.ProcessFleet.assertCompletedWithoutRepeats;
import static dev.spool.cli.ProcessFleet.await;
import static dev.spool.cli.ProcessFleet.events;
import static dev.spool.cli.ProcessFleet.workerPids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.RunStatus;
import dev.spool.WorkerIds;
import dev.spool.client.SpoolClient;
import dev.spool.client.Subscription;
import dev.spool.server.ApiKeys;
import dev.spool.store.RunInfo;
import dev.spool.store.RunQuery;
import dev.spool.store.redis.RedisRunStore;
import dev.spool.testkit.RedisCluster;
import dev.spool.testkit.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out on Redis with real processes: two {@code spool api} and three {@code spool worker}
 * processes on one Redis (and on a three-master cluster). A batch of runs spreads over the workers;
 * either API serves the same stream; workers killed with {@code kill -9} mid-batch leave every run
 * completed, every stream gapless, and no checkpointed step executed twice.
 */
class RedisPlanesIT {
  private static final int STEPS = 20;
  private static final String INPUT = "{\"steps\":" + STEPS + ",\"stepMillis\":150}";

  @TempDir Path dir;

  @Test
  void onOneRedisABatchSpreadsOverThreeWorkersAndSurvivesTwoKillNines() throws Exception {
    try (RedisServer redis = RedisServer.start(dir.resolve("redis"))) {
      batch(redis.uri(), 10, 2);
    }
  }

  @Test
  void onAThreeMasterClusterTheBatchHoldsToo() throws Exception {
    try (RedisCluster cluster = RedisCluster.start(dir.resolve("cluster"), 3)) {
      batch(cluster.uri(), 8, 1);
    }
  }

  /**
   * A worker and an API server started while Redis is not up yet (a deploy that brings them up
   * together, or a Redis restart) say so and keep trying; once Redis answers, they serve.
   */
  @Test
  void aWorkerAndAnApiStartedBeforeRedisWaitForItThenServe() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String uri = "redis://127.0.0.1:" + port + "/0";
    try (ProcessFleet fleet = new ProcessFleet(dir, uri)) {
      SpoolProcess api = fleet.api("api-early");
      SpoolProcess worker = fleet.worker("worker-early");
      api.awaitLog("trying again in", 90);
      worker.awaitLog("trying again in", 90);
      assertThat(worker.log()).contains("cannot connect to Redis at redis://127.0.0.1:" + port);

      try (RedisServer redis = RedisServer.start(dir.resolve("late-redis"), port, List.of());
          RedisRunStore store = RedisRunStore.open(redis.uri())) {
        ProcessFleet.awaitWorker(worker);
        String key = ApiKeys.create(store.keys(), "late", Instant.now()).key();
        SpoolClient client = ProcessFleet.client(api, key);
        String id = client.start("steps", "{\"steps\":3,\"stepMillis\":10}").runId();
        assertThat(client.awaitResult(id, Duration.ofSeconds(60)).orElseThrow().status())
            .isEqualTo(RunStatus.COMPLETED);
      }
    }
  }

  private void batch(String uri, int runs, int kills) throws Exception {
    try (RedisRunStore store = RedisRunStore.open(uri);
        ProcessFleet fleet = new ProcessFleet(dir, uri)) {
      String key = ApiKeys.create(store.keys(), "planes-it", Instant.now()).key();
      SpoolProcess api1 = fleet.api("api-1");
      SpoolProcess api2 = fleet.api("api-2");
      List<SpoolProcess> workers = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        workers.add(fleet.worker("worker-" + i));
      }
      for (SpoolProcess w : workers) {
        ProcessFleet.awaitWorker(w);
      }
      try (SpoolClient c1 = ProcessFleet.client(api1, key);
          SpoolClient c2 = ProcessFleet.client(api2, key)) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
          ids.add((i % 2 == 0 ? c1 : c2).start("steps", INPUT).runId());
        }
        List<List<Event>> viaApi1 = new ArrayList<>();
        List<List<Event>> viaApi2 = new ArrayList<>();
        List<Subscription> subs = new ArrayList<>();
        for (String id : ids) {
          List<Event> a = Collections.synchronizedList(new ArrayList<>());
          List<Event> b = Collections.synchronizedList(new ArrayList<>());
          viaApi1.add(a);
          viaApi2.add(b);
          subs.add(c1.subscribe(id, 0, a::add));
          subs.add(c2.subscribe(id, 0, b::add));
        }

        Set<Long> everyWorker = new HashSet<>();
        workers.forEach(w -> everyWorker.add(w.pid()));
        List<SpoolProcess> alive = new ArrayList<>(workers);
        for (int k = 0; k < kills; k++) {
          await("a live worker holds a run", 60, () -> holding(store, alive).isPresent());
          SpoolProcess victim = holding(store, alive).orElseThrow();
          victim.kill9();
          alive.remove(victim);
          Thread.sleep(1000);
        }

        for (Subscription s : subs) {
          assertThat(s.terminal().get(120, TimeUnit.SECONDS).type())
              .isEqualTo(EventTypes.RUN_COMPLETED);
          s.close();
        }
        Set<Long> ran = new HashSet<>();
        long lost = 0;
        for (int i = 0; i < runs; i++) {
          String id = ids.get(i);
          RunInfo run = store.getRun(id).orElseThrow();
          assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
          assertThat(Json.read(run.result().orElseThrow(), List.class)).hasSize(STEPS);
          List<Event> stored = events(store, id);
          assertCompletedWithoutRepeats(stored, STEPS);
          assertThat(viaApi1.get(i)).as("stream of %s via api-1", id).isEqualTo(stored);
          assertThat(viaApi2.get(i)).as("stream of %s via api-2", id).isEqualTo(stored);
          ran.addAll(workerPids(stored));
          lost += stored.stream().filter(e -> e.type().equals(EventTypes.WORKER_LOST)).count();
        }
        assertThat(ran).as("runs spread over every worker").containsAll(everyWorker);
        assertThat(lost)
            .as("the killed workers' runs were recovered")
            .isGreaterThanOrEqualTo(kills);
        assertThat(store.listRuns(RunQuery.latest(100).withStatus(RunStatus.COMPLETED)))
            .hasSize(runs);
      }
    }
  }

  /** A worker of {@code among} that holds a running run now, a few steps into it. */
  private static Optional<SpoolProcess> holding(RedisRunStore store, List<SpoolProcess> among) {
    Set<Long> pids = new HashSet<>();
    for (RunInfo r : store.listRuns(RunQuery.latest(100).withStatus(RunStatus.RUNNING))) {
      boolean stepsIn =
          store.readEvents(r.runId(), 0, 1000).stream()
                  .filter(e -> e.type().equals(EventTypes.STEP_COMPLETED))
                  .count()
              >= 2;
      if (stepsIn) {
        r.leaseOwner().flatMap(WorkerIds::localPid).ifPresent(pids::add);
      }
    }
    return among.stream().filter(p -> pids.contains(p.pid())).findFirst();
  }

  @Test
  void anOutageShowsOnTheApisHealthAndInTheWorkersLogAndBothCarryOn() throws Exception {
    try (RedisServer redis = RedisServer.startDurable(dir.resolve("redis"));
        ProcessFleet fleet = new ProcessFleet(dir, redis.uri() + "?timeout=1s")) {
      try (RedisRunStore store = RedisRunStore.open(redis.uri())) {
        String key = ApiKeys.create(store.keys(), "health-it", Instant.now()).key();
        SpoolProcess api = fleet.api("api");
        SpoolProcess worker = fleet.worker("worker");
        ProcessFleet.awaitWorker(worker);
        try (SpoolClient client = ProcessFleet.client(api, key)) {
          URI health = client.baseUri().resolve("/health");
          assertThat(get(health).statusCode()).isEqualTo(200);

          redis.kill9();
          HttpResponse<String> down = get(health);
          assertThat(down.statusCode()).isEqualTo(503);
          assertThat(down.body()).contains("redis://127.0.0.1:" + redis.port());
          worker.awaitLog("the store is unreachable", 30);

          redis.restart();
          await("health is ok again", 30, () -> get(health).statusCode() == 200);
          worker.awaitLog("the store is reachable again", 30);
          String id = client.start("steps", "{\"steps\":3}").runId();
          assertThat(client.awaitResult(id, Duration.ofSeconds(60)).orElseThrow().isCompleted())
              .as("the worker carries on after the outage")
              .isTrue();
          assertThat(api.isAlive()).isTrue();
        }
      }
    }
  }

  private static HttpResponse<String> get(URI uri) {
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      return http.send(
          HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError("GET " + uri + " failed: " + e, e);
    }
  }
}
