package dev.spool.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Event;
import dev.spool.Json;
import dev.spool.OutputAssembler;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * After the runs end: reads every run and its stored stream through the API and checks them against
 * what the SSE clients received, what the LLM runs returned, and the workers' ledgers.
 */
final class Verifier {
  private static final Duration READ_WITHIN = Duration.ofSeconds(60);

  /** A run the harness started, and what its client saw. */
  record Tracked(int index, String workflow, ApiCalls.Started started, SseFollower.Seen seen) {
    String runId() {
      return started.runId();
    }
  }

  private Verifier() {}

  /**
   * @param startFailures the runs that could not be started, each as why
   * @param logs where the ledgers are, and where every stored stream is written ({@code
   *     streams.ndjson}) for a post-mortem
   */
  static Map<String, Object> verify(
      ApiCalls api, List<Tracked> runs, List<String> startFailures, Path logs) throws Exception {
    Path ledgerDir = Fleet.ledgerDir(logs);
    Map<String, Integer> byStatus = new TreeMap<>();
    Map<String, Integer> eventCounts = new TreeMap<>();
    List<Map<String, Object>> notCompleted = new ArrayList<>();
    List<Map<String, Object>> streamMismatches = new ArrayList<>();
    List<Map<String, Object>> outputMismatches = new ArrayList<>();
    List<String> clientProblems = new ArrayList<>();
    Map<String, List<Event>> stepsStreams = new HashMap<>();
    Map<String, JsonNode> stepsResults = new HashMap<>();
    int completed = 0;
    int startRetries = 0;
    int startReplayed = 0;
    int gaps = 0;
    int missing = 0;
    int duplicates = 0;
    int connections = 0;
    int drops = 0;
    int retries = 0;
    long received = 0;
    int llmRuns = 0;
    int llmChecked = 0;
    Map<String, Integer> retryCauses = new TreeMap<>();
    List<Map<String, Object>> durations = new ArrayList<>();
    int maxRecoveries = 0;
    BufferedWriter dump = Files.newBufferedWriter(logs.resolve("streams.ndjson"));
    for (Tracked t : runs) {
      JsonNode run = api.run(t.runId(), READ_WITHIN);
      maxRecoveries = Math.max(maxRecoveries, run.path("recoveries").asInt());
      String status = run.path("status").asText();
      byStatus.merge(status, 1, Integer::sum);
      durations.add(duration(t, run));
      startRetries += t.started().attempts() - 1;
      startReplayed += t.started().replayed() ? 1 : 0;
      if (status.equals("completed")) {
        completed++;
      } else {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", t.runId());
        m.put("workflow", t.workflow());
        m.put("status", status);
        m.put("recoveries", run.path("recoveries").asInt());
        m.put("error", run.path("error").toString());
        notCompleted.add(m);
      }
      List<String> storedLines = api.storedEvents(t.runId(), READ_WITHIN);
      List<Event> stored = storedLines.stream().map(Event::fromJson).toList();
      for (String line : storedLines) {
        dump.write(line + "\n");
      }
      stored.forEach(e -> eventCounts.merge(e.type(), 1, Integer::sum));

      SseFollower.Seen seen = t.seen();
      gaps += seen.gaps();
      missing += seen.missing();
      duplicates += seen.duplicates();
      connections += seen.connections();
      drops += seen.drops();
      retries += seen.retries();
      seen.retryCauses().forEach((k, v) -> retryCauses.merge(k, v, Integer::sum));
      received += seen.events().size();
      seen.problems().forEach(p -> clientProblems.add(t.runId() + ": " + p));
      String diff = compare(seen.events(), storedLines);
      if (!diff.isEmpty()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", t.runId());
        m.put("clientEvents", seen.events().size());
        m.put("storedEvents", storedLines.size());
        m.put("difference", diff);
        streamMismatches.add(m);
      }
      if (t.workflow().equals(ChaosWorkflows.STEPS)) {
        stepsStreams.put(t.runId(), stored);
        stepsResults.put(t.runId(), run.path("result"));
      } else {
        llmRuns++;
        if (status.equals("completed")) {
          llmChecked++;
          OutputAssembler out = new OutputAssembler();
          seen.events().forEach(line -> out.accept(Event.fromJson(line)));
          String assembled = out.text(ChaosWorkflows.OUTPUT_STREAM);
          String result = run.path("result").asText();
          if (!assembled.equals(result)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("runId", t.runId());
            m.put("assembled", assembled);
            m.put("result", result);
            outputMismatches.add(m);
          }
        }
      }
    }
    dump.close();
    LedgerCheck.Findings ledger = LedgerCheck.read(ledgerDir).check(stepsStreams, stepsResults);

    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("requested", runs.size() + startFailures.size());
    r.put("startFailures", startFailures);
    r.put("startRetries", startRetries);
    r.put("startReplayed", startReplayed);
    r.put("started", runs.size());
    r.put("completed", completed);
    r.put("byStatus", byStatus);
    r.put("notCompleted", notCompleted);
    r.put("maxRecoveries", maxRecoveries);
    durations.sort(Comparator.comparingLong(d -> -((Number) d.get("millis")).longValue()));
    List<Long> ms = durations.stream().map(d -> ((Number) d.get("millis")).longValue()).toList();
    r.put("durationMillis", spread(ms));
    r.put("slowest", durations.stream().limit(5).toList());
    out.put("runs", r);
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("eventsReceived", received);
    c.put("connections", connections);
    c.put("drops", drops);
    c.put("retries", retries);
    c.put("retryCauses", retryCauses);
    c.put("gaps", gaps);
    c.put("missingEvents", missing);
    c.put("duplicates", duplicates);
    c.put("streamMismatches", streamMismatches.size());
    c.put("mismatchedRuns", streamMismatches.stream().limit(20).toList());
    c.put("problems", clientProblems.stream().limit(40).toList());
    c.put("problemCount", clientProblems.size());
    out.put("clients", c);
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("llmRuns", llmRuns);
    o.put("checked", llmChecked);
    o.put("mismatches", outputMismatches.size());
    o.put("mismatchedRuns", outputMismatches.stream().limit(10).toList());
    out.put("output", o);
    out.put("ledger", ledger.toMap());
    out.put("eventCounts", eventCounts);
    return out;
  }

  /** How long a run took from its creation to its end, with what it went through. */
  private static Map<String, Object> duration(Tracked t, JsonNode run) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("runId", t.runId());
    m.put("workflow", t.workflow());
    Instant created = Instant.parse(run.path("createdAt").asText());
    Instant finished =
        run.path("finishedAt").isTextual()
            ? Instant.parse(run.path("finishedAt").asText())
            : Instant.now();
    m.put("millis", Duration.between(created, finished).toMillis());
    m.put("recoveries", run.path("recoveries").asInt());
    m.put("attempt", run.path("attempt").asInt());
    return m;
  }

  /** Median, 90th percentile and maximum (sorted descending input). */
  private static Map<String, Object> spread(List<Long> descending) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (descending.isEmpty()) {
      return m;
    }
    List<Long> v = descending.reversed();
    m.put("p50", v.get(v.size() / 2));
    m.put("p90", v.get(Math.min(v.size() - 1, (int) (v.size() * 0.9))));
    m.put("max", v.getLast());
    return m;
  }

  /** Empty when the client's events equal the stored stream, else where they first differ. */
  static String compare(List<String> client, List<String> stored) {
    int n = Math.min(client.size(), stored.size());
    for (int i = 0; i < n; i++) {
      if (!Json.tree(client.get(i)).equals(Json.tree(stored.get(i)))) {
        return "event " + (i + 1) + ": client " + client.get(i) + " stored " + stored.get(i);
      }
    }
    if (client.size() != stored.size()) {
      return "client has "
          + client.size()
          + " events, the store "
          + stored.size()
          + (client.size() < stored.size() ? "; next stored: " + stored.get(n) : "");
    }
    return "";
  }
}
