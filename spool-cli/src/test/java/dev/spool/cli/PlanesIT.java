package dev.spool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.RunStatus;
import dev.spool.WorkerIds;
import dev.spool.client.RunResult;
import dev.spool.client.RunView;
import dev.spool.client.SpoolClient;
import dev.spool.client.StartedRun;
import dev.spool.client.Subscription;
import dev.spool.server.ApiKeys;
import dev.spool.store.Store;
import dev.spool.store.sqlite.SqliteRunStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two planes as separate real processes on one SQLite file: {@code spool api} and {@code spool
 * worker}s, with the Java client talking HTTP to the API, as a user would run them.
 */
class PlanesIT {
  private static final Pattern LISTENING = Pattern.compile("spool api on (http://\\S+)");

  @TempDir Path dir;
  private final List<SpoolProcess> processes = new ArrayList<>();
  private Store store;
  private SpoolClient client;

  @BeforeEach
  void keyAndApi() throws Exception {
    store = SqliteRunStore.open(dir.resolve("spool.db"));
    String key = ApiKeys.create(store.keys(), "planes-it", Instant.now()).key();
    SpoolProcess api = spawn("api", "api", "--port", "0");
    api.awaitLog("OpenAPI:", 60);
    Matcher m = LISTENING.matcher(api.log());
    assertThat(m.find()).as(api.log()).isTrue();
    client = SpoolClient.builder(URI.create(m.group(1))).apiKey(key).build();
  }

  @AfterEach
  void stopAll() throws Exception {
    client.close();
    for (SpoolProcess p : processes) {
      p.close();
    }
    store.close();
  }

  private SpoolProcess spawn(String name, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--store", "sqlite:" + dir.resolve("spool.db")));
    SpoolProcess p = SpoolProcess.start(dir, name, all.toArray(String[]::new));
    processes.add(p);
    return p;
  }

  private SpoolProcess worker(String name) throws Exception {
    SpoolProcess w = spawn(name, "worker", "--lease-ttl", "3s", "--concurrency", "4");
    w.awaitLog("spool worker", 60);
    return w;
  }

  @Test
  void aRunSurvivesKillNineOfItsWorkerAndTheStreamStaysGaplessOverHttp() throws Exception {
    SpoolProcess a = worker("worker-a");
    SpoolProcess b = worker("worker-b");
    StartedRun run = client.start("steps", "{\"steps\":30,\"stepMillis\":100}");
    List<Event> seen = Collections.synchronizedList(new ArrayList<>());
    try (Subscription sub = client.subscribe(run.runId(), 0, seen::add)) {
      await(() -> completedSteps(seen) >= 5);
      RunView running = client.run(run.runId());
      long victim = WorkerIds.localPid(running.worker().orElseThrow()).orElseThrow();
      SpoolProcess dying = victim == a.pid() ? a : b;

      dying.kill9();

      Event last = sub.await();
      assertThat(last.type()).isEqualTo(EventTypes.RUN_COMPLETED);
    }
    List<Event> stored = store.readEvents(run.runId(), 0, 10_000);
    assertThat(seen).as("the client saw exactly the stored stream").isEqualTo(stored);
    for (int i = 0; i < seen.size(); i++) {
      assertThat(seen.get(i).seq()).isEqualTo(i + 1L);
    }
    assertThat(seen)
        .extracting(Event::type)
        .containsSubsequence(EventTypes.WORKER_LOST, EventTypes.RUN_RESUMED);
    RunView done = client.run(run.runId());
    assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(done.recoveries()).isEqualTo(1);
    assertThat(Json.read(done.result().orElseThrow(), List.class)).hasSize(30);
  }

  @Test
  void aSignalSentWhileNoWorkerIsUpIsReceivedWhenOneStarts() throws Exception {
    StartedRun run = client.start("approval", "{\"subject\":\"deploy\"}");
    client.signal(run.runId(), "approve", "{\"approved\":true,\"comment\":\"from the API\"}");
    assertThat(client.run(run.runId()).status()).isEqualTo(RunStatus.QUEUED);

    worker("late-worker");

    RunResult result = client.awaitResult(run.runId(), Duration.ofSeconds(60)).orElseThrow();
    assertThat(result.isCompleted()).isTrue();
    assertThat(Json.tree(result.result().orElseThrow()).path("comment").asText())
        .isEqualTo("from the API");
  }

  @Test
  void aWaitingRunReleasesItsWorkerAndASignalOverHttpResumesIt() throws Exception {
    worker("worker");
    StartedRun run = client.start("approval", "{\"subject\":\"budget\"}");
    await(() -> client.run(run.runId()).status() == RunStatus.WAITING);

    client.signal(run.runId(), "approve", "{\"approved\":false,\"comment\":\"no\"}");

    RunResult result = client.awaitResult(run.runId(), Duration.ofSeconds(60)).orElseThrow();
    assertThat(Json.tree(result.result().orElseThrow()).path("decision").asText())
        .isEqualTo("rejected");
  }

  @Test
  void cancelOverHttpStopsARunningRunOnAWorkerProcess() throws Exception {
    worker("worker");
    StartedRun run = client.start("steps", "{\"steps\":1000,\"stepMillis\":50}");
    List<Event> seen = Collections.synchronizedList(new ArrayList<>());
    try (Subscription sub = client.subscribe(run.runId(), 0, seen::add)) {
      await(() -> completedSteps(seen) >= 2);

      client.cancel(run.runId(), "enough");

      assertThat(sub.await().type()).isEqualTo(EventTypes.RUN_CANCELLED);
    }
    assertThat(client.run(run.runId()).status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(completedSteps(seen)).isLessThan(1000);
  }

  private static long completedSteps(List<Event> events) {
    synchronized (events) {
      return events.stream().filter(e -> e.type().equals(EventTypes.STEP_COMPLETED)).count();
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 60 s");
      }
      Thread.sleep(20);
    }
  }
}
