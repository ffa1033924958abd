package dev.spool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.WorkerIds;
import dev.spool.client.SpoolClient;
import dev.spool.store.RunStore;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code spool api} and {@code spool worker} processes on one store URI, stopped together; plus the
 * checks the multi-process tests share.
 */
final class ProcessFleet implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("spool api on (http://\\S+)");

  private final Path dir;
  private final String storeUri;
  private final List<SpoolProcess> processes = new ArrayList<>();

  ProcessFleet(Path dir, String storeUri) {
    this.dir = dir;
    this.storeUri = storeUri;
  }

  /** Starts {@code spool ARGS --store URI} without waiting for it. */
  SpoolProcess spawn(String name, String... args) throws Exception {
    return spawn(name, Map.of(), args);
  }

  /** As {@link #spawn(String, String...)}, with variables added to the child's environment. */
  SpoolProcess spawn(String name, Map<String, String> env, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--store", storeUri));
    SpoolProcess p = SpoolProcess.start(dir, name, env, all.toArray(String[]::new));
    processes.add(p);
    return p;
  }

  SpoolProcess api(String name) throws Exception {
    return spawn(name, "api", "--port", "0");
  }

  /** A worker with a short lease, so a killed worker's runs resume within seconds. */
  SpoolProcess worker(String name, String... extra) throws Exception {
    return worker(name, Map.of(), extra);
  }

  /** A worker whose environment has {@code env} too (a test provider reads it to pick code). */
  SpoolProcess worker(String name, Map<String, String> env, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(List.of("worker", "--lease-ttl", "3s", "--concurrency", "4"));
    args.addAll(List.of(extra));
    return spawn(name, env, args.toArray(String[]::new));
  }

  static void awaitWorker(SpoolProcess p) throws Exception {
    p.awaitLog("spool worker", 90);
  }

  /** Waits for an API process to listen and returns a client for it. */
  static SpoolClient client(SpoolProcess api, String key) throws Exception {
    api.awaitLog("OpenAPI:", 90);
    Matcher m = LISTENING.matcher(api.log());
    assertThat(m.find()).as(api.log()).isTrue();
    return SpoolClient.builder(URI.create(m.group(1))).apiKey(key).build();
  }

  @Override
  public void close() throws Exception {
    for (SpoolProcess p : processes) {
      p.close();
    }
  }

  /** Every event of a run, from the store. */
  static List<Event> events(RunStore store, String runId) {
    List<Event> out = new ArrayList<>();
    while (true) {
      List<Event> page = store.readEvents(runId, out.size(), 1000);
      if (page.isEmpty()) {
        return out;
      }
      out.addAll(page);
    }
  }

  /** The pids of the workers that started or resumed a run, in order. */
  static List<Long> workerPids(List<Event> events) {
    List<Long> pids = new ArrayList<>();
    for (Event e : events) {
      if (e.type().equals(EventTypes.RUN_STARTED) || e.type().equals(EventTypes.RUN_RESUMED)) {
        String worker = Json.tree(e.data()).path("worker").asText();
        Optional<Long> pid = WorkerIds.localPid(worker);
        assertThat(pid).as("worker id %s names a local pid", worker).isPresent();
        pids.add(pid.get());
      }
    }
    return pids;
  }

  /**
   * The stream is gapless, every step completed, and a step completed twice only where a worker was
   * lost (the step in flight then).
   */
  static void assertCompletedWithoutRepeats(List<Event> events, int steps) {
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).seq()).as("seq at %d", i).isEqualTo(i + 1L);
    }
    assertThat(events.get(events.size() - 1).type()).isEqualTo(EventTypes.RUN_COMPLETED);
    Map<String, Integer> completions = new HashMap<>();
    long lost = 0;
    for (Event e : events) {
      if (e.type().equals(EventTypes.STEP_COMPLETED)) {
        completions.merge(e.path(), 1, Integer::sum);
      }
      if (e.type().equals(EventTypes.WORKER_LOST)) {
        lost++;
      }
    }
    assertThat(completions).hasSize(steps);
    assertThat(completions.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
    assertThat(completions.values().stream().filter(n -> n > 1).count())
        .as("repeated steps (one in flight per lost worker at most)")
        .isLessThanOrEqualTo(lost);
  }

  static void await(String what, long seconds, BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + ": not within " + seconds + " s");
      }
      Thread.sleep(50);
    }
  }
}
