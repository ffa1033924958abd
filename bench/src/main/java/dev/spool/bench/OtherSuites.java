package dev.spool.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.bench.chaos.ChaosHarness;
import dev.spool.bench.floors.RedisAppends;
import dev.spool.bench.proc.Child;
import dev.spool.bench.proc.Protocol;
import dev.spool.bench.recovery.RecoveryHarness;
import dev.spool.bench.sse.SseHarness;
import dev.spool.bench.waiting.SlowServer;
import dev.spool.bench.waiting.WaitingHarness;
import dev.spool.testkit.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The Spool-only benchmarks: event stream latency, waiting runs, recovery, chaos, JMH. */
final class OtherSuites {
  private OtherSuites() {}

  /**
   * SSE through SpoolServer beside the store's own wake-up, at each subscriber count; on Redis also
   * beside a bare XREAD BLOCK client.
   */
  static void sse(Config cfg, ObjectNode results) throws Exception {
    Path dir = Files.createDirectories(cfg.work().resolve("sse"));
    sseOn(
        cfg,
        results.putObject("sse"),
        "sqlite:" + dir.resolve("sse.db"),
        List.of(),
        List.of("sse", "store"));
    if (cfg.redisPort().isPresent()) {
      sseOn(
          cfg,
          results.putObject("sseRedis"),
          cfg.redisUri("sse"),
          List.of("127.0.0.1:" + cfg.redisPort().get()),
          List.of("sse", "store", "xread"));
    }
  }

  private static void sseOn(
      Config cfg, ObjectNode sse, String storeUri, List<String> extra, List<String> variants)
      throws Exception {
    Plan plan = cfg.plan();
    List<String> args = new ArrayList<>(List.of(storeUri));
    args.addAll(extra);
    String name = storeUri.startsWith("redis") ? "sse-redis" : "sse";
    try (Child child = harness(cfg, name, "2g", SseHarness.class, args)) {
      child.next(Duration.ofMinutes(2));
      for (int n : plan.sseSubscribers()) {
        for (int r = 0; r < plan.sseRounds(); r++) {
          for (String v : PeerSuite.rotate(variants, r)) {
            Bench.log("%s %s, %d subscribers, round %d", name, v, n, r + 1);
            JsonNode reply =
                child.call(
                    Map.of(
                        "op",
                        "sse",
                        "variant",
                        v,
                        "subscribers",
                        n,
                        "events",
                        plan.sseEvents(),
                        "warmupEvents",
                        plan.sseWarmupEvents(),
                        "intervalMs",
                        Plan.SSE_INTERVAL_MS),
                    Duration.ofMinutes(15));
            ObjectNode perVariant = sse.has(v) ? (ObjectNode) sse.get(v) : sse.putObject(v);
            PeerSuite.arrayOf(perVariant, Integer.toString(n)).add(reply);
          }
        }
      }
    }
  }

  /**
   * Event appends per second through Spool's Redis store beside redis-benchmark's XADD on the same
   * server, at 1 and 50 clients; redis-benchmark's 1-client p50 is also the Redis per-step floor.
   */
  static void redisAppends(Config cfg, ObjectNode results) throws Exception {
    if (cfg.redisPort().isEmpty()) {
      return;
    }
    ObjectNode out = results.putObject("redisAppends");
    double seconds = cfg.plan().label().equals("quick") ? 3 : 8;
    try (Child child =
        harness(
            cfg,
            "redis-appends",
            "1g",
            RedisAppends.class,
            List.of(cfg.redisUri("appends"), Double.toString(seconds), "1", "50"))) {
      Bench.log("redis appends through the store, 1 and 50 clients");
      out.set("spool", child.next(Duration.ofMinutes(5)));
    }
    ObjectNode bench = out.putObject("redisBenchmark");
    for (int clients : List.of(1, 50)) {
      Bench.log("redis-benchmark XADD, %d client(s)", clients);
      int requests = (int) (seconds * (clients == 1 ? 15_000 : 25_000));
      Process p =
          new ProcessBuilder(
                  "redis-benchmark",
                  "-h",
                  "127.0.0.1",
                  "-p",
                  "" + cfg.redisPort().get(),
                  "-n",
                  "" + requests,
                  "-c",
                  "" + clients,
                  "-q",
                  "XADD",
                  "bench-xadd",
                  "*",
                  "f",
                  "v")
              .redirectErrorStream(true)
              .start();
      String text =
          new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      p.waitFor(5, TimeUnit.MINUTES);
      String last = text.substring(text.lastIndexOf('\r') + 1).trim();
      var m =
          java.util.regex.Pattern.compile("([0-9.]+) requests per second, p50=([0-9.]+) msec")
              .matcher(last);
      ObjectNode row = bench.putObject(Integer.toString(clients));
      if (m.find()) {
        row.put("perSecond", Double.parseDouble(m.group(1)));
        row.put("p50Micros", Double.parseDouble(m.group(2)) * 1000);
      } else {
        row.put("output", last);
      }
    }
    ((ObjectNode) results.path("floors")).set("redis", bench.path("1"));
  }

  /** Waiting runs on one worker: a fresh JVM per kind and count, so heaps do not mix. */
  static void waiting(Config cfg, ObjectNode results) throws Exception {
    Plan plan = cfg.plan();
    ArrayNode out = results.putArray("waiting");
    int fdLimit = fdLimit();
    results.put("fdLimit", fdLimit);
    for (String kind : List.of("sleep", "http")) {
      List<Integer> levels = kind.equals("sleep") ? plan.waitingSleep() : plan.waitingHttp();
      for (int i = 0; i < levels.size(); i++) {
        int n = levels.get(i);
        // The largest count is held past a lease ttl; the quick pass holds only the sleeping runs.
        boolean holdIt = kind.equals("sleep") || !plan.label().equals("quick");
        int hold = i == levels.size() - 1 && holdIt ? plan.waitingHoldSeconds() : 0;
        if (kind.equals("http") && n > fdLimit - 1000) {
          int capped = Math.max(0, (fdLimit - 1000) / 1000 * 1000);
          Bench.note(
              "waiting runs in an HTTP call: "
                  + n
                  + " asked, "
                  + capped
                  + " run: each holds a socket and this process may open at most "
                  + fdLimit
                  + " files (ulimit -n, which could not be raised here).");
          n = capped;
          if (n <= 0 || (i > 0 && n <= levels.get(i - 1))) {
            continue;
          }
        }
        Bench.log("waiting runs: %s x %d (hold %d s)", kind, n, hold);
        out.add(waitingOnce(cfg, kind, n, hold));
      }
    }
  }

  private static JsonNode waitingOnce(Config cfg, String kind, int n, int hold) throws Exception {
    Path dir = cfg.work().resolve("waiting-" + kind + "-" + n);
    Child server = null;
    try {
      int budget = cfg.plan().label().equals("quick") ? 120 : 420;
      List<String> args =
          new ArrayList<>(List.of(dir.toString(), kind, "" + n, "" + hold, "" + budget));
      if (kind.equals("http")) {
        server = harness(cfg, "slow-server-" + n, "2g", SlowServer.class, List.of());
        args.add(server.next(Duration.ofMinutes(1)).path("port").asText());
      }
      try (Child child =
          harness(cfg, "waiting-" + kind + "-" + n, "8g", WaitingHarness.class, args)) {
        ObjectNode r = (ObjectNode) child.next(Duration.ofMinutes(30));
        if (server != null) {
          r.put(
              "serverHeld",
              server.call(Map.of("op", "held"), Duration.ofSeconds(30)).path("held").asInt());
        }
        return r;
      }
    } finally {
      if (server != null) {
        server.kill();
      }
    }
  }

  /**
   * Recovery of a killed worker's run: killed on the same host (noticed at once, its process is
   * gone) and on "another host" (its own UTS namespace and host name: the lease must expire), with
   * the default lease and a short one.
   */
  static void recovery(Config cfg, ObjectNode results) throws Exception {
    Plan plan = cfg.plan();
    ObjectNode out = results.putObject("recovery");
    List<String[]> settings = new ArrayList<>();
    settings.add(new String[] {"same-host", "15s", "" + plan.recoveryDefaultTrials(), "same-host"});
    if (canUnshareUts()) {
      settings.add(
          new String[] {"other-host", "15s", "" + plan.recoveryDefaultTrials(), "other-host"});
      settings.add(
          new String[] {
            "other-host-short",
            plan.recoveryShortTtl(),
            "" + plan.recoveryShortTrials(),
            "other-host"
          });
    } else {
      Bench.skip(
          "Recovery from another host: 'unshare --uts' failed (it needs root or CAP_SYS_ADMIN),"
              + " so only the same-host case was measured.");
    }
    for (String[] setting : settings) {
      Bench.log("recovery, %s, lease ttl %s, %s trial(s)", setting[3], setting[1], setting[2]);
      try (Child child =
          harness(
              cfg,
              "recovery-" + setting[0],
              "1g",
              RecoveryHarness.class,
              List.of(
                  cfg.work().resolve("recovery-" + setting[0]).toString(),
                  setting[1],
                  setting[2],
                  setting[3]))) {
        out.set(setting[0], child.next(Duration.ofMinutes(20)));
      }
    }
  }

  private static boolean canUnshareUts() {
    try {
      Process p = new ProcessBuilder("unshare", "--uts", "true").redirectErrorStream(true).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The chaos harness at the pass's size, in a JVM of its own with its own Redis; its verdict is in
   * the report, and a failed verdict is also a failure of this suite.
   */
  static void chaos(Config cfg, ObjectNode results) throws Exception {
    if (!Files.isExecutable(Path.of(RedisServer.BINARY))) {
      Bench.skip(
          "Chaos: no "
              + RedisServer.BINARY
              + " (Debian package redis-server; REDIS_SERVER names another binary).");
      return;
    }
    List<String> args = new ArrayList<>(List.of("--protocol", "--date", cfg.date()));
    if (cfg.plan().label().equals("quick")) {
      args.add("--quick");
    }
    args.addAll(List.of("--work", cfg.work().resolve("chaos").toString()));
    args.addAll(List.of("--logs", cfg.work().resolve("logs").resolve("chaos").toString()));
    Bench.log("chaos: workers and Redis killed under load (%s)", cfg.plan().label());
    try (Child child = harness(cfg, "chaos", "1g", ChaosHarness.class, args)) {
      JsonNode reply = child.next(Duration.ofMinutes(30));
      results.set("chaos", reply);
      if (!reply.path("verdict").path("pass").asBoolean()) {
        throw new IllegalStateException(
            "chaos verdict FAIL: " + reply.path("verdict").path("failures"));
      }
    }
  }

  /** A harness JVM on the bench's class path and JVM settings, logging beside the others. */
  private static Child harness(
      Config cfg, String name, String heap, Class<?> main, List<String> args) throws Exception {
    return Child.start(
        name, List.of(), Config.harnessJvm(heap), main.getName(), args, cfg.work().resolve("logs"));
  }

  /** JMH: Spool's in-process micro-benchmarks, with its JSON result read back. */
  static void jmh(Config cfg, ObjectNode results) throws Exception {
    Path json = cfg.work().resolve("jmh.json");
    Files.deleteIfExists(json);
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(
        List.of(
            "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path")));
    cmd.add("org.openjdk.jmh.Main");
    cmd.addAll(cfg.plan().jmh());
    cmd.addAll(
        List.of(
            "-jvmArgsAppend",
            "--enable-native-access=ALL-UNNAMED -Xmx1g",
            "-rf",
            "json",
            "-rff",
            json.toString(),
            "dev\\.spool\\.bench\\.jmh\\..*"));
    Path log = cfg.work().resolve("logs").resolve("jmh.log");
    Files.createDirectories(log.getParent());
    Bench.log("jmh %s", String.join(" ", cfg.plan().jmh()));
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(20, TimeUnit.MINUTES) || p.exitValue() != 0 || !Files.exists(json)) {
      p.destroyForcibly();
      throw new IllegalStateException("JMH failed; see " + log);
    }
    ArrayNode out = results.putArray("jmh");
    for (JsonNode b : Protocol.json().readTree(json.toFile())) {
      ObjectNode row = out.addObject();
      String name = b.path("benchmark").asText();
      row.put("benchmark", name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1));
      row.set("params", b.path("params"));
      JsonNode m = b.path("primaryMetric");
      row.put("mean", m.path("score").asDouble());
      row.put("p50", m.path("scorePercentiles").path("50.0").asDouble());
      row.put("p99", m.path("scorePercentiles").path("99.0").asDouble());
      row.put("unit", m.path("scoreUnit").asText());
    }
  }

  private static int fdLimit() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
        if (line.startsWith("Max open files")) {
          return Integer.parseInt(line.trim().split("\\s+")[3]);
        }
      }
    } catch (Exception e) {
      // not Linux
    }
    return 1_000_000;
  }
}
