package dev.spool.bench.chaos;

import dev.spool.bench.Machine;
import dev.spool.bench.proc.Child;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The chaos itself, inside the window: every 3 to 6 s (seeded) a random live worker is killed with
 * SIGKILL and a replacement started at once, so three are usually up; once, mid-window,
 * redis-server is killed with SIGKILL and restarted on its port and folder.
 */
final class ChaosLoop {
  private final Fleet fleet;
  private final ChaosPlan plan;
  private final Random random;
  private final long t0;
  private final List<Map<String, Object>> kills = new ArrayList<>();
  private final Map<String, Object> redis = new LinkedHashMap<>();
  private final List<Map<String, Object>> exits = new ArrayList<>();
  private final List<List<Object>> load = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();

  ChaosLoop(Fleet fleet, ChaosPlan plan, long t0) {
    this.fleet = fleet;
    this.plan = plan;
    this.random = new Random(plan.seed() ^ 0x5DEECE66DL);
    this.t0 = t0;
  }

  /**
   * Runs until the window ends; a worker that exits by itself is replaced, as a supervisor would.
   */
  void run() throws InterruptedException {
    long end = t0 + plan.windowSeconds() * 1_000_000_000L;
    long redisAt = t0 + plan.windowSeconds() * 500_000_000L;
    boolean redisDone = false;
    long next = System.nanoTime() + delayNanos();
    long nextLoad = System.nanoTime();
    while (System.nanoTime() < end) {
      if (System.nanoTime() >= nextLoad) {
        nextLoad += 10_000_000_000L;
        load.add(List.of(seconds(), Machine.loadAverage()));
      }
      replaceExited();
      if (!redisDone && System.nanoTime() >= redisAt) {
        redisDone = true;
        restartRedis();
      } else if (System.nanoTime() >= next) {
        killOne();
        next = System.nanoTime() + delayNanos();
      }
      Thread.sleep(100);
    }
  }

  /** After the window: only replaces workers that exit by themselves, until interrupted. */
  void supervise() {
    try {
      while (true) {
        replaceExited();
        Thread.sleep(250);
      }
    } catch (InterruptedException e) {
      // the pass is over
    }
  }

  /** The machine's load average every 10 s of the window: {@code [seconds, "1m 5m 15m"]}. */
  List<List<Object>> load() {
    return load;
  }

  List<Map<String, Object>> exits() {
    return exits;
  }

  List<Map<String, Object>> kills() {
    return kills;
  }

  Map<String, Object> redis() {
    return redis;
  }

  List<String> errors() {
    return errors;
  }

  private long delayNanos() {
    int ms = plan.killMinMillis() + random.nextInt(plan.killMaxMillis() - plan.killMinMillis() + 1);
    return ms * 1_000_000L;
  }

  private void killOne() {
    List<Child> live = fleet.liveWorkers();
    List<Child> ready = live.stream().filter(ChaosLoop::ready).toList();
    List<Child> pool = ready.isEmpty() ? live : ready;
    if (pool.isEmpty()) {
      errors.add("no live worker to kill at " + seconds() + " s");
      return;
    }
    Child victim = pool.get(random.nextInt(pool.size()));
    Map<String, Object> k = new LinkedHashMap<>();
    k.put("atSeconds", seconds());
    k.put("worker", victim.name());
    k.put("pid", victim.pid());
    k.put("wasReady", ready.contains(victim));
    fleet.kill(victim);
    try {
      k.put("replacement", fleet.startWorker().name());
    } catch (Exception e) {
      errors.add("could not start a replacement worker: " + e);
    }
    kills.add(k);
  }

  private void replaceExited() {
    for (Child w : fleet.exitedWorkers()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("atSeconds", seconds());
      x.put("worker", w.name());
      x.put("pid", w.pid());
      x.put("lastLine", lastLine(w));
      fleet.kill(w); // gone already; this only takes it off the list
      try {
        x.put("replacement", fleet.startWorker().name());
      } catch (Exception e) {
        errors.add("could not start a replacement worker: " + e);
      }
      exits.add(x);
    }
  }

  private static String lastLine(Child w) {
    try {
      List<String> lines = Files.readAllLines(w.log());
      return lines.isEmpty() ? "" : lines.getLast();
    } catch (Exception e) {
      return "(log unreadable: " + e + ")";
    }
  }

  private void restartRedis() {
    redis.put("killedAtSeconds", seconds());
    redis.put("signal", "SIGKILL");
    redis.put("pauseMillis", plan.redisPauseMillis());
    try {
      Duration down = fleet.killAndRestartRedis(Duration.ofMillis(plan.redisPauseMillis()));
      redis.put("downMillis", down.toMillis());
      redis.put("aof", fleet.aofLoadedLine());
    } catch (Exception | Error e) {
      errors.add("Redis restart failed: " + e);
      redis.put("error", e.toString());
    }
  }

  private static boolean ready(Child w) {
    try {
      return Files.readString(w.log()).contains("spool worker ");
    } catch (Exception e) {
      return false;
    }
  }

  private double seconds() {
    return Math.round((System.nanoTime() - t0) / 1e8) / 10.0;
  }
}
