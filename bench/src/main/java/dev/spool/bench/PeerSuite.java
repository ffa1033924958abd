package dev.spool.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.bench.engines.EngineHarness;
import dev.spool.bench.proc.Child;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spool and its peers on the same workload in the same pass: each engine in a JVM of its own,
 * warmed up, then rounds in which every engine takes its turn, in an order that rotates from round
 * to round so that a noisy spell on this shared machine does not always hit the same engine.
 */
final class PeerSuite {
  private PeerSuite() {}

  static void run(Config cfg, ObjectNode results) throws Exception {
    Plan plan = cfg.plan();
    Map<String, Child> engines = new LinkedHashMap<>();
    ObjectNode described = results.putObject("engines");
    try {
      start(cfg, engines, described, "spool", List.of(), List.of("spool", dir(cfg, "spool")));
      start(
          cfg,
          engines,
          described,
          "spool-http",
          List.of(),
          List.of("spool-http", dir(cfg, "spool-http")));
      if (cfg.redisPort().isPresent()) {
        start(
            cfg,
            engines,
            described,
            "spool-redis",
            List.of(),
            List.of("spool-redis", cfg.redisUri("engine")));
      }
      if (cfg.pgUrl().isPresent()) {
        start(
            cfg,
            engines,
            described,
            "dbos",
            List.of(),
            List.of("dbos", cfg.pgUrl().get(), cfg.pgUser(), cfg.pgPassword()));
      }
      if (cfg.restateNetns().isPresent()) {
        start(
            cfg,
            engines,
            described,
            "restate",
            List.of("ip", "netns", "exec", cfg.restateNetns().get()),
            List.of("restate", cfg.restateIngress(), cfg.restateAdmin(), "9080"));
      }
      List<String> names = new ArrayList<>(engines.keySet());

      ObjectNode latency = results.putObject("latency");
      for (int r = 0; r < plan.rounds(); r++) {
        for (String name : rotate(names, r)) {
          Bench.log("latency round %d: %s", r + 1, name);
          JsonNode reply =
              engines
                  .get(name)
                  .call(
                      Map.of(
                          "op",
                          "latency",
                          "steps",
                          Plan.STEPS,
                          "warmup",
                          plan.latencyWarmup(),
                          "runs",
                          plan.latencyRuns()),
                      Duration.ofMinutes(15));
          arrayOf(latency, name).add(reply.get("micros"));
        }
      }

      ObjectNode throughput = results.putObject("throughput");
      for (int c : plan.concurrency()) {
        for (int r = 0; r < plan.rounds(); r++) {
          for (String name : rotate(names, r)) {
            Bench.log("throughput c=%d round %d: %s", c, r + 1, name);
            JsonNode reply =
                engines
                    .get(name)
                    .call(
                        Map.of(
                            "op",
                            "throughput",
                            "steps",
                            Plan.STEPS,
                            "concurrency",
                            c,
                            "warmupSeconds",
                            plan.throughputWarmupSeconds(),
                            "seconds",
                            plan.throughputSeconds()),
                        Duration.ofMinutes(10));
            ObjectNode perEngine =
                throughput.has(name)
                    ? (ObjectNode) throughput.get(name)
                    : throughput.putObject(name);
            arrayOf(perEngine, Integer.toString(c)).add(reply);
          }
        }
      }

      if (engines.containsKey("dbos")) {
        JsonNode pg =
            engines
                .get("dbos")
                .call(Map.of("op", "pg-floor", "commits", 2000), Duration.ofMinutes(5));
        ((ObjectNode) results.path("floors")).set("postgres", pg);
      }
    } finally {
      for (Child c : engines.values()) {
        c.close();
      }
    }
  }

  private static void start(
      Config cfg,
      Map<String, Child> engines,
      ObjectNode described,
      String name,
      List<String> prefix,
      List<String> args)
      throws Exception {
    Bench.log("starting engine %s", name);
    Child child =
        Child.start(
            name,
            prefix,
            Config.harnessJvm("1g"),
            EngineHarness.class.getName(),
            args,
            cfg.work().resolve("logs"));
    try {
      JsonNode ready = child.next(Duration.ofMinutes(3));
      described.put(name, ready.path("describe").asText());
      engines.put(name, child);
    } catch (Exception e) {
      child.close();
      Bench.skip(name + " could not start: " + e.getMessage());
    }
  }

  private static String dir(Config cfg, String name) throws Exception {
    return Files.createDirectories(cfg.work().resolve(name)).toString();
  }

  static ArrayNode arrayOf(ObjectNode parent, String field) {
    return parent.has(field) ? (ArrayNode) parent.get(field) : parent.putArray(field);
  }

  static <T> List<T> rotate(List<T> list, int by) {
    List<T> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      out.add(list.get((i + by) % list.size()));
    }
    return out;
  }
}
