package dev.spool.bench.recovery;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.Spool;
import dev.spool.bench.proc.Protocol;
import dev.spool.builtin.Steps;
import dev.spool.store.RunStore;
import dev.spool.store.Store;
import dev.spool.store.sqlite.SqliteRunStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Recovery after a crash: a {@code spool worker} process runs a {@code steps} run; once a few steps
 * are done and a second worker process is up, the first is killed with SIGKILL. Measured from the
 * kill to the run's {@code run.resumed} on the second worker and to its next {@code
 * step.completed}, both by the events' timestamps (same machine, same clock).
 *
 * <p>Where the killed worker ran decides how it is noticed: {@code same-host}, the survivor sees
 * its process gone and recovers the run at once; {@code other-host}, the killed worker ran in a UTS
 * namespace of its own with another host name ({@code unshare --uts}, needs root), as a worker on
 * another machine would, so the survivor can only wait for its lease to expire.
 *
 * <p>Usage: {@code RecoveryHarness DIR LEASE_TTL TRIALS same-host|other-host}, for example {@code
 * 15s 2 same-host}; replies once.
 */
public final class RecoveryHarness {
  private static final int STEP_MILLIS = 100;
  static final String OTHER_HOST_NAME = "spool-bench-elsewhere";

  private RecoveryHarness() {}

  public static void main(String[] args) throws Exception {
    try {
      Protocol.reply(
          run(Path.of(args[0]), args[1], Integer.parseInt(args[2]), Place.parse(args[3])));
    } catch (Exception | Error e) {
      e.printStackTrace();
      Protocol.reply(Protocol.error(e));
    }
    System.exit(0);
  }

  /** Where the worker that is killed runs. */
  enum Place {
    SAME_HOST("same-host"),
    OTHER_HOST("other-host");

    final String label;

    Place(String label) {
      this.label = label;
    }

    static Place parse(String arg) {
      for (Place p : values()) {
        if (p.label.equals(arg)) {
          return p;
        }
      }
      throw new IllegalArgumentException("place must be same-host or other-host, got " + arg);
    }
  }

  private static Map<String, Object> run(Path dir, String leaseTtl, int trials, Place place)
      throws Exception {
    Path db = Files.createDirectories(dir).resolve("recovery.db");
    List<Map<String, Object>> results = new ArrayList<>();
    try (Store store = SqliteRunStore.open(db)) {
      Spool spool = Spool.builder(store).register(Steps.WORKFLOW).build(); // starts runs only
      for (int t = 0; t < trials; t++) {
        results.add(trial(spool, store, db, leaseTtl, place, dir.resolve("trial-" + t)));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("leaseTtl", leaseTtl);
    out.put("victim", place.label);
    out.put("trials", results);
    return out;
  }

  private static Map<String, Object> trial(
      Spool spool, RunStore store, Path db, String leaseTtl, Place place, Path logs)
      throws Exception {
    Files.createDirectories(logs);
    Process a = worker(db, leaseTtl, place, logs.resolve("worker-a.log"));
    Process b = null;
    try {
      awaitReady(a, logs.resolve("worker-a.log"));
      String runId =
          spool
              .start(
                  Steps.WORKFLOW.name(),
                  "{\"steps\":1000,\"stepMillis\":" + STEP_MILLIS + "}",
                  Optional.empty())
              .run()
              .runId();
      awaitEvent(store, runId, 0, e -> isStep(e, 3), Duration.ofSeconds(60));
      b = worker(db, leaseTtl, Place.SAME_HOST, logs.resolve("worker-b.log"));
      awaitReady(b, logs.resolve("worker-b.log"));
      Thread.sleep(500); // let the second worker reach its idle loop
      long after = store.getRun(runId).orElseThrow().lastSeq();
      Instant killedAt = Instant.now();
      a.destroyForcibly(); // SIGKILL
      a.waitFor(10, TimeUnit.SECONDS);
      Event lost =
          awaitEvent(
              store,
              runId,
              after,
              e -> e.type().equals(EventTypes.WORKER_LOST),
              Duration.ofMinutes(2));
      Event resumed =
          awaitEvent(
              store,
              runId,
              lost.seq(),
              e -> e.type().equals(EventTypes.RUN_RESUMED),
              Duration.ofMinutes(1));
      Event nextStep =
          awaitEvent(
              store,
              runId,
              resumed.seq(),
              e -> e.type().equals(EventTypes.STEP_COMPLETED),
              Duration.ofMinutes(1));
      spool.cancel(runId, "measured"); // the rest of its steps would only cost time
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("killToLostMillis", millis(killedAt, lost.ts()));
      r.put("killToResumedMillis", millis(killedAt, resumed.ts()));
      r.put("killToNextStepMillis", millis(killedAt, nextStep.ts()));
      r.put("cause", Json.tree(lost.data()).path("cause").asText());
      return r;
    } finally {
      a.destroyForcibly();
      if (b != null) {
        b.destroy();
        if (!b.waitFor(20, TimeUnit.SECONDS)) {
          b.destroyForcibly();
        }
      }
    }
  }

  private static boolean isStep(Event e, int number) {
    return e.type().equals(EventTypes.STEP_COMPLETED)
        && Json.tree(e.data()).path("output").asText().equals("step " + number + " done");
  }

  private static double millis(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e6;
  }

  private static Event awaitEvent(
      RunStore store,
      String runId,
      long after,
      java.util.function.Predicate<Event> match,
      Duration max)
      throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    long cursor = after;
    while (System.nanoTime() < deadline) {
      for (Event e : store.awaitEvents(runId, cursor, 500, Duration.ofMillis(500))) {
        if (match.test(e)) {
          return e;
        }
        cursor = e.seq();
      }
    }
    throw new IllegalStateException("run " + runId + ": expected event did not come in " + max);
  }

  /**
   * A real {@code spool worker} process on the same store file; for {@code other-host}, in a UTS
   * namespace whose host name is {@value #OTHER_HOST_NAME}.
   */
  private static Process worker(Path db, String leaseTtl, Place place, Path log)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    if (place == Place.OTHER_HOST) {
      cmd.addAll(
          List.of(
              "unshare",
              "--uts",
              "sh",
              "-c",
              "hostname " + OTHER_HOST_NAME + " && exec \"$@\"",
              "sh"));
    }
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.spool.cli.SpoolCommand");
    cmd.addAll(List.of("--store", "sqlite:" + db, "worker", "--lease-ttl", leaseTtl));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.PIPE)
        .start();
  }

  /** Waits for the worker's start-up line ({@code spool worker <id>: …}), copying its output. */
  private static void awaitReady(Process p, Path log) throws Exception {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try (BufferedReader r =
                      new BufferedReader(
                          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                  var w = Files.newBufferedWriter(log)) {
                String line;
                while ((line = r.readLine()) != null) {
                  w.write(line + "\n");
                  w.flush();
                  if (line.startsWith("spool worker ")) {
                    ready.complete(null);
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
              ready.completeExceptionally(new IllegalStateException("worker exited; see " + log));
            });
    ready.get(60, TimeUnit.SECONDS);
  }
}
