package dev.spool.bench.chaos;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.bench.Machine;
import dev.spool.bench.proc.Protocol;
import dev.spool.bench.report.ChaosSection;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The chaos pass: {@link Fleet} up, runs started at an even pace through both API servers, each
 * followed by a dropping {@link SseFollower}, {@link ChaosLoop} killing workers and Redis, then the
 * {@link Verifier} over everything.
 *
 * <p>Usage: {@code ChaosHarness [--quick] [--seconds N] [--seed N] [--work DIR] [--logs DIR] [--out
 * DIR] [--date D] [--protocol]}; process logs and the workers' ledgers go to the logs folder
 * (default {@code WORK/logs}). Alone it writes {@code OUT/<date>[-quick]-chaos.md} and {@code
 * -chaos.json} and exits 1 if a must-be-0 count is not 0 or a started run did not complete; with
 * {@code --protocol} (a suite of {@code Bench}) it replies the results once instead.
 */
public final class ChaosHarness {
  private ChaosHarness() {}

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    boolean protocol = false;
    Integer seconds = null;
    long seed = 20261126L;
    Path work = Path.of("bench/target/chaos-work");
    Path logs = null;
    Path out = Path.of("bench/results");
    String date = LocalDate.now().toString();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--protocol" -> protocol = true;
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        case "--logs" -> logs = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--date" -> date = args[++i];
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    ChaosPlan plan = quick ? ChaosPlan.quick(seed) : ChaosPlan.full(seed);
    if (seconds != null) {
      plan = plan.withWindow(seconds);
    }
    // Interrupted: take the processes this harness started down with it.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly)));
    ObjectNode result;
    try {
      result = run(plan, work, logs == null ? work.resolve("logs") : logs, date);
    } catch (Exception | Error e) {
      e.printStackTrace();
      if (protocol) {
        Protocol.reply(Protocol.error(e));
        System.exit(0);
      }
      System.exit(2);
      return;
    }
    if (protocol) {
      Protocol.reply(Protocol.json().convertValue(result, new TypeReference<>() {}));
      System.exit(0);
    }
    String prefix = date + (quick ? "-quick" : "") + "-chaos";
    Files.createDirectories(out);
    Path json = out.resolve(prefix + ".json");
    Protocol.json().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), result);
    Path md = ChaosSection.writeStandalone(result, out, prefix);
    JsonNode verdict = result.path("verdict");
    log("wrote %s and %s; verdict: %s", md, json, verdict);
    System.exit(verdict.path("pass").asBoolean() ? 0 : 1);
  }

  static ObjectNode run(ChaosPlan plan, Path work, Path logs, String date) throws Exception {
    Files.createDirectories(work);
    Instant startedAt = Instant.now();
    log(
        "chaos %s: %d steps runs + %d LLM runs over %d s, seed %d",
        plan.label(), plan.stepsRuns(), plan.llmRuns(), plan.windowSeconds(), plan.seed());
    try (Fleet fleet = Fleet.start(plan, work, logs);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        HttpClient http =
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .executor(threads)
                .build()) {
      log(
          "fleet up: APIs %s, store %s, fake LLM %s",
          fleet.apis(), fleet.storeUri(), fleet.fake().baseUrl());
      ApiCalls api = new ApiCalls(http, fleet.apis());
      List<String> kinds = new ArrayList<>();
      for (int i = 0; i < plan.stepsRuns(); i++) {
        kinds.add(ChaosWorkflows.STEPS);
      }
      for (int i = 0; i < plan.llmRuns(); i++) {
        kinds.add(ChaosWorkflows.LLM);
      }
      Random random = new Random(plan.seed());
      Collections.shuffle(kinds, random);

      long t0 = System.nanoTime();
      long windowNanos = plan.windowSeconds() * 1_000_000_000L;
      long deadline = t0 + windowNanos + plan.settleSeconds() * 1_000_000_000L;
      ChaosLoop chaos = new ChaosLoop(fleet, plan, t0);
      Future<?> chaosDone =
          threads.submit(
              () -> {
                chaos.run();
                return null;
              });
      List<Future<Verifier.Tracked>> tracked = new ArrayList<>();
      for (int i = 0; i < kinds.size(); i++) {
        long at = t0 + windowNanos * i / kinds.size();
        Thread.sleep(Duration.ofNanos(Math.max(0, at - System.nanoTime())));
        int index = i;
        String kind = kinds.get(i);
        String input = input(plan, kind, index, random);
        long followerSeed = random.nextLong();
        tracked.add(
            threads.submit(
                () -> {
                  ApiCalls.Started s =
                      api.start(
                          index % 2,
                          kind,
                          input,
                          "chaos-" + plan.seed() + "-" + index,
                          Duration.ofSeconds(60));
                  SseFollower f =
                      new SseFollower(s.runId(), fleet.apis(), http, followerSeed, deadline);
                  return new Verifier.Tracked(index, kind, s, f.follow());
                }));
      }
      chaosDone.get();
      long windowEnd = System.nanoTime();
      Future<?> supervisor = threads.submit(chaos::supervise);
      log(
          "window over: %d kills, Redis %s; %d live workers; waiting for runs to end",
          chaos.kills().size(), chaos.redis(), fleet.liveWorkers().size());
      List<Verifier.Tracked> runs = new ArrayList<>();
      List<String> startFailures = new ArrayList<>();
      for (Future<Verifier.Tracked> f : tracked) {
        try {
          runs.add(f.get());
        } catch (ExecutionException e) {
          startFailures.add(e.getCause().toString());
        }
      }
      long settled = System.nanoTime();
      supervisor.cancel(true);
      log("every follower ended %.1f s after the window; verifying", (settled - windowEnd) / 1e9);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("label", plan.label());
      result.put("date", date);
      result.put("startedAt", startedAt.toString());
      result.put("machine", Machine.describe());
      result.put("plan", plan);
      result.putAll(Verifier.verify(api, runs, startFailures, logs));
      result.put(
          "chaos",
          new Happened(
              chaos.kills().size(),
              fleet.workersStarted(),
              chaos.kills(),
              chaos.redis(),
              chaos.exits(),
              chaos.load(),
              chaos.errors(),
              api.retries(),
              fleet.fake().stats().requests()));
      ObjectNode tree = Protocol.json().valueToTree(result);
      double window = (windowEnd - t0) / 1e9;
      double settle = (settled - windowEnd) / 1e9;
      tree.putPOJO(
          "timing",
          new Timing(
              round(window),
              round(settle),
              round(Duration.between(startedAt, Instant.now()).toMillis() / 1e3),
              round(tree.path("runs").path("completed").asDouble() / (window + settle))));
      tree.putPOJO("verdict", Verdict.of(tree));
      return Protocol.json().valueToTree(tree);
    }
  }

  /** What the chaos did, and what the harness had to retry or replace. */
  record Happened(
      int kills,
      int workersStarted,
      List<Map<String, Object>> killLog,
      Map<String, Object> redis,
      List<Map<String, Object>> workersExitedByThemselves,
      List<List<Object>> loadAverage,
      List<String> errors,
      int apiRetries,
      long fakeLlmRequests) {}

  /** How long the pass took, and completed runs per second over the window and the settling. */
  record Timing(
      double windowSeconds, double settleSeconds, double elapsedSeconds, double runsPerSecond) {}

  private static String input(ChaosPlan plan, String kind, int index, Random random) {
    if (kind.equals(ChaosWorkflows.STEPS)) {
      return "{\"steps\":" + plan.steps() + ",\"stepMillis\":" + plan.stepMillis() + "}";
    }
    return "{\"topic\":\"chaos topic " + index + "\",\"replies\":" + (1 + random.nextInt(2)) + "}";
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  static void log(String format, Object... args) {
    System.out.printf(
        "[%s] %s%n", LocalTime.now().truncatedTo(ChronoUnit.SECONDS), String.format(format, args));
    System.out.flush();
  }
}
