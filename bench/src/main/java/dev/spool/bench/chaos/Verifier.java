package dev.spool.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Event;
import dev.spool.Json;
import dev.spool.OutputAssembler;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
    Tallies.Runs tally = new Tallies.Runs();
    Tallies.Clients clients = new Tallies.Clients();
    Tallies.Output output = new Tallies.Output();
    Map<String, Integer> eventCounts = new TreeMap<>();
    Map<String, List<Event>> stepsStreams = new HashMap<>();
    Map<String, JsonNode> stepsResults = new HashMap<>();
    try (BufferedWriter dump = Files.newBufferedWriter(logs.resolve("streams.ndjson"))) {
      for (Tracked t : runs) {
        JsonNode run = api.run(t.runId(), READ_WITHIN);
        tally.add(t, run);
        List<String> storedLines = api.storedEvents(t.runId(), READ_WITHIN);
        List<Event> stored = new ArrayList<>();
        for (String line : storedLines) {
          dump.write(line + "\n");
          stored.add(Event.fromJson(line));
          eventCounts.merge(stored.getLast().type(), 1, Integer::sum);
        }
        SseFollower.Seen seen = t.seen();
        clients.add(t.runId(), seen, stored.size(), compare(seen.events(), storedLines));
        if (t.workflow().equals(ChaosWorkflows.STEPS)) {
          stepsStreams.put(t.runId(), stored);
          stepsResults.put(t.runId(), run.path("result"));
          continue;
        }
        output.llmRuns++;
        if (run.path("status").asText().equals("completed")) {
          OutputAssembler out = new OutputAssembler();
          seen.events().forEach(line -> out.accept(Event.fromJson(line)));
          output.add(
              t.runId(), out.text(ChaosWorkflows.OUTPUT_STREAM), run.path("result").asText());
        }
      }
    }
    tally.finish(startFailures);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("runs", tally);
    out.put("clients", clients);
    out.put("output", output);
    out.put("ledger", LedgerCheck.read(Fleet.ledgerDir(logs)).check(stepsStreams, stepsResults));
    out.put("eventCounts", eventCounts);
    return out;
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
