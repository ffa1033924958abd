package dev.spool.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.bench.floors.FsyncFloor;
import dev.spool.bench.floors.SqliteFloor;
import dev.spool.bench.proc.Protocol;
import dev.spool.bench.report.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/**
 * Runs every benchmark in one pass and writes the report: {@code bench/run.sh [--quick]} builds
 * this module and calls it with what it set up (PostgreSQL for DBOS, the Restate server in its
 * network namespace) and what it had to skip.
 */
public final class Bench {
  private static ObjectNode results;

  private Bench() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    Config cfg = Config.parse(args);
    // Interrupted (Ctrl-C, the script's trap): take the harness JVMs down too.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly)));
    Files.createDirectories(cfg.work());
    Files.createDirectories(cfg.out());
    results = Protocol.json().createObjectNode();
    results.put("label", cfg.plan().label());
    results.put("date", cfg.date());
    Instant started = Instant.now();
    results.put("startedAt", started.toString());
    results.set("machine", Machine.describe());
    results.set("plan", Protocol.json().valueToTree(cfg.plan()));
    ArrayNode skips = results.putArray("skips");
    cfg.skips().forEach(skips::add);
    ArrayNode notes = results.putArray("notes");
    cfg.notes().forEach(notes::add);
    results.putObject("errors");

    ObjectNode floors = results.putObject("floors");
    suite(
        "floors",
        () -> {
          floors.set(
              "fsync",
              Protocol.json()
                  .valueToTree(FsyncFloor.measure(cfg.work().resolve("fsync.bin"), 500)));
          Path sqlite = cfg.work().resolve("floor.db");
          Files.deleteIfExists(sqlite);
          floors.set("sqlite", Protocol.json().valueToTree(SqliteFloor.measure(sqlite, 5000)));
        });
    suite("redis-appends", () -> OtherSuites.redisAppends(cfg, results));
    suite("peers", () -> PeerSuite.run(cfg, results));
    suite("sse", () -> OtherSuites.sse(cfg, results));
    suite("waiting", () -> OtherSuites.waiting(cfg, results));
    suite("recovery", () -> OtherSuites.recovery(cfg, results));
    suite("chaos", () -> OtherSuites.chaos(cfg, results));
    suite("jmh", () -> OtherSuites.jmh(cfg, results));

    Instant finished = Instant.now();
    results.put("finishedAt", finished.toString());
    results.put("benchSeconds", ChronoUnit.SECONDS.between(started, finished));
    ((ObjectNode) results.get("machine")).put("loadAverageAtEnd", Machine.loadAverage());
    String prefix = cfg.date() + (cfg.plan().label().equals("quick") ? "-quick" : "");
    Path json = cfg.out().resolve(prefix + "-results.json");
    Protocol.json().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), results);
    Path report = Report.write(results, cfg.out(), prefix);
    log("wrote %s and %s", report, json);
  }

  /** A benchmark step; its failure is recorded in the report and the pass goes on. */
  private interface Step {
    void run() throws Exception;
  }

  private static void suite(String name, Step step) {
    long t0 = System.nanoTime();
    try {
      step.run();
    } catch (Exception | Error e) {
      e.printStackTrace();
      ((ObjectNode) results.get("errors")).put(name, e.toString());
      log("%s FAILED: %s", name, e);
    }
    ObjectNode times =
        results.has("suiteSeconds")
            ? (ObjectNode) results.get("suiteSeconds")
            : results.putObject("suiteSeconds");
    times.put(name, Math.round((System.nanoTime() - t0) / 1e9));
  }

  static void log(String format, Object... args) {
    System.out.printf(
        "[%s] %s%n", LocalTime.now().truncatedTo(ChronoUnit.SECONDS), String.format(format, args));
    System.out.flush();
  }

  static void skip(String line) {
    ((ArrayNode) results.get("skips")).add(line);
    log("skipped: %s", line);
  }

  static void note(String line) {
    ((ArrayNode) results.get("notes")).add(line);
    log("note: %s", line);
  }
}
