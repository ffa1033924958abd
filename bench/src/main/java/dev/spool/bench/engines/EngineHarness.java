package dev.spool.bench.engines;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.bench.floors.PgFloor;
import dev.spool.bench.proc.Protocol;
import dev.spool.store.redis.RedisRunStore;
import dev.spool.store.sqlite.SqliteRunStore;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JVM that hosts one engine and runs the loads the orchestrator asks for ({@link Protocol}).
 *
 * <p>Usage: {@code EngineHarness spool DIR | spool-http DIR | spool-redis REDIS_URI | dbos URL USER
 * PASSWORD | restate INGRESS ADMIN ENDPOINT_PORT}.
 */
public final class EngineHarness {
  /** Worker slots for Spool: more than the highest client concurrency, so clients set the pace. */
  private static final int SPOOL_WORKER_CONCURRENCY = 512;

  private EngineHarness() {}

  public static void main(String[] args) throws Exception {
    Engine engine = open(args);
    try {
      Protocol.reply(Map.of("ready", true, "describe", engine.describe()));
      Protocol.serve(cmd -> handle(engine, args, cmd));
    } finally {
      engine.close();
    }
    System.exit(0); // peers leave non-daemon threads behind
  }

  private static Engine open(String[] args) throws Exception {
    return switch (args[0]) {
      case "spool" ->
          new SpoolEngine(
              SqliteRunStore.open(Path.of(args[1]).resolve("spool.db")), SPOOL_WORKER_CONCURRENCY);
      case "spool-http" ->
          new SpoolHttpEngine(
              SqliteRunStore.open(Path.of(args[1]).resolve("spool.db")), SPOOL_WORKER_CONCURRENCY);
      case "spool-redis" -> new SpoolEngine(RedisRunStore.open(args[1]), SPOOL_WORKER_CONCURRENCY);
      case "dbos" -> new DbosEngine(args[1], args[2], args[3]);
      case "restate" ->
          new RestateEngine(URI.create(args[1]), URI.create(args[2]), Integer.parseInt(args[3]));
      default -> throw new IllegalArgumentException("unknown engine " + args[0]);
    };
  }

  private static Map<String, Object> handle(Engine engine, String[] args, JsonNode cmd)
      throws Exception {
    int steps = cmd.path("steps").asInt(10);
    Map<String, Object> out = new LinkedHashMap<>();
    switch (cmd.path("op").asText()) {
      case "latency" ->
          out.put(
              "micros",
              Load.latency(engine, steps, cmd.path("warmup").asInt(), cmd.path("runs").asInt()));
      case "throughput" ->
          out.putAll(
              Load.throughput(
                  engine,
                  steps,
                  cmd.path("concurrency").asInt(),
                  cmd.path("warmupSeconds").asDouble(),
                  cmd.path("seconds").asDouble()));
      case "pg-floor" -> {
        if (!args[0].equals("dbos")) {
          throw new IllegalArgumentException("pg-floor needs the dbos engine");
        }
        out.putAll(PgFloor.measure(args[1], args[2], args[3], cmd.path("commits").asInt(2000)));
      }
      default -> throw new IllegalArgumentException("unknown op " + cmd);
    }
    return out;
  }
}
