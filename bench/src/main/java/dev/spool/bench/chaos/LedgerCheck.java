package dev.spool.bench.chaos;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Holds the workers' ledgers against the stored streams of the {@code chaos-steps} runs. For each
 * step, the {@code step.completed} event names the winning execution (its nonce); any other
 * execution of that step that started after the winner ended ran a step that was already
 * checkpointed (the winner's worker still held the run when it committed, so no other worker can
 * have been running the step then) and is counted: that number must be 0. Executions lost to kills
 * (started and never ended, or ended and not checkpointed) are expected and only counted.
 */
final class LedgerCheck {
  /** One execution of a step body, as its ledger lines tell. */
  record Execution(
      String runId, String path, String nonce, int attempt, long pid, long start, long end) {
    boolean ended() {
      return end > 0;
    }
  }

  private final Map<String, Map<String, List<Execution>>> byRunAndPath = new HashMap<>();
  private int executions;
  private int badLines;

  /** Reads every ledger file in {@code dir}. */
  static LedgerCheck read(Path dir) throws IOException {
    LedgerCheck c = new LedgerCheck();
    if (!Files.isDirectory(dir)) {
      return c;
    }
    Map<String, Execution> byNonce = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        for (String line : Files.readAllLines(f)) {
          String[] p = line.split("\t");
          if (p.length != 8) {
            c.badLines++; // a line cut by the kill cannot happen with one write, but count it
            continue;
          }
          Execution e =
              new Execution(
                  p[1],
                  p[2],
                  p[3],
                  Integer.parseInt(p[4]),
                  Long.parseLong(p[5]),
                  Long.parseLong(p[6]),
                  Long.parseLong(p[7]));
          if (p[0].equals("S")) {
            byNonce.putIfAbsent(e.nonce(), e);
          } else {
            byNonce.put(e.nonce(), e);
          }
        }
      }
    }
    for (Execution e : byNonce.values()) {
      c.executions++;
      c.byRunAndPath
          .computeIfAbsent(e.runId(), k -> new HashMap<>())
          .computeIfAbsent(e.path(), k -> new ArrayList<>())
          .add(e);
    }
    return c;
  }

  /** What the check found over the given runs; serialized as it is into the results. */
  @JsonAutoDetect(fieldVisibility = Visibility.ANY)
  static final class Findings {
    int executions;
    int checkpointedStepsExecutedAgain;
    int startedAfterStepCompletedEvent;
    int lostStartedNoEnd;
    int lostEndedNotCheckpointed;
    int winnerMissingFromLedger;
    int stepCompletedTwice;
    int resultDisagreesWithCheckpoints;
    int maxExecutionsOfOneStep;
    int badLedgerLines;
    final List<String> examples = new ArrayList<>();

    void example(String text) {
      if (examples.size() < 20) {
        examples.add(text);
      }
    }
  }

  /**
   * Checks the steps runs whose stored streams are given (run id to events) and, for completed
   * ones, their results.
   */
  Findings check(Map<String, List<Event>> streams, Map<String, JsonNode> results) {
    Findings f = new Findings();
    f.badLedgerLines = badLines;
    for (var run : streams.entrySet()) {
      String runId = run.getKey();
      Map<String, List<Execution>> paths = byRunAndPath.getOrDefault(runId, Map.of());
      Map<String, Event> completed = new HashMap<>();
      Map<Integer, String> nonceByNumber = new HashMap<>();
      for (Event e : run.getValue()) {
        if (e.type().equals(EventTypes.STEP_COMPLETED)) {
          if (completed.putIfAbsent(e.path(), e) != null) {
            f.stepCompletedTwice++;
            f.example("step.completed twice: run " + runId + " " + e.path() + " seq " + e.seq());
          }
          JsonNode out = Json.tree(e.data()).path("output");
          nonceByNumber.putIfAbsent(out.path("number").asInt(), out.path("nonce").asText());
        }
      }
      for (var p : paths.entrySet()) {
        f.executions += p.getValue().size();
        f.maxExecutionsOfOneStep = Math.max(f.maxExecutionsOfOneStep, p.getValue().size());
        checkStep(f, runId, p.getKey(), p.getValue(), completed.get(p.getKey()));
      }
      JsonNode result = results.get(runId);
      if (result != null && result.isArray()) {
        for (JsonNode r : result) {
          String nonce = nonceByNumber.get(r.path("number").asInt());
          if (!r.path("nonce").asText().equals(nonce)) {
            f.resultDisagreesWithCheckpoints++;
            f.example("result of run " + runId + " step " + r.path("number") + " names " + r);
          }
        }
      }
    }
    return f;
  }

  private static void checkStep(
      Findings f, String runId, String path, List<Execution> execs, Event completed) {
    if (completed == null) {
      execs.forEach(e -> countLost(f, e));
      return;
    }
    String winnerNonce = Json.tree(completed.data()).path("output").path("nonce").asText();
    Execution winner =
        execs.stream().filter(e -> e.nonce().equals(winnerNonce)).findFirst().orElse(null);
    long completedAt = nanos(completed.ts());
    if (winner == null || !winner.ended()) {
      f.winnerMissingFromLedger++;
      f.example("run " + runId + " " + path + ": winner " + winnerNonce + " not ended in a ledger");
    }
    for (Execution e : execs) {
      if (e.nonce().equals(winnerNonce)) {
        continue;
      }
      countLost(f, e);
      if (winner != null && winner.ended() && e.start() > winner.end()) {
        f.checkpointedStepsExecutedAgain++;
        f.example(
            "run %s %s: execution %s (pid %d, attempt %d) started %.3f ms after winner %s (pid %d) ended"
                .formatted(
                    runId,
                    path,
                    e.nonce(),
                    e.pid(),
                    e.attempt(),
                    (e.start() - winner.end()) / 1e6,
                    winner.nonce(),
                    winner.pid()));
      }
      if (e.start() > completedAt) {
        f.startedAfterStepCompletedEvent++;
      }
    }
  }

  private static void countLost(Findings f, Execution e) {
    if (e.ended()) {
      f.lostEndedNotCheckpointed++;
    } else {
      f.lostStartedNoEnd++;
    }
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
