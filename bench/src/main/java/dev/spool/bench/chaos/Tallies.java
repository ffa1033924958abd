package dev.spool.bench.chaos;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the {@link Verifier} adds up, run by run; each tally is a section of the results JSON. */
final class Tallies {
  private Tallies() {}

  /** A run's time from its creation to its end, and the recoveries it took. */
  record RunTime(String runId, String workflow, long millis, int recoveries, int attempt) {}

  /** A run that did not complete. */
  record Unfinished(String runId, String workflow, String status, int recoveries, String error) {}

  /** A run whose client-received events differ from its stored stream. */
  record StreamMismatch(String runId, int clientEvents, int storedEvents, String difference) {}

  /** An LLM run whose assembled output differs from its result. */
  record OutputMismatch(String runId, String assembled, String result) {}

  /** Median, 90th percentile and maximum. */
  record Spread(long p50, long p90, long max) {}

  /** The runs: started, completed, how and how long. */
  @JsonAutoDetect(fieldVisibility = Visibility.ANY)
  static final class Runs {
    int requested;
    List<String> startFailures = List.of();
    int startRetries;
    int startReplayed;
    int started;
    int completed;
    final Map<String, Integer> byStatus = new TreeMap<>();
    final List<Unfinished> notCompleted = new ArrayList<>();
    int maxRecoveries;
    Spread durationMillis;
    List<RunTime> slowest = List.of();
    private final transient List<RunTime> times = new ArrayList<>();

    void add(Verifier.Tracked t, JsonNode run) {
      String status = run.path("status").asText();
      int recoveries = run.path("recoveries").asInt();
      started++;
      byStatus.merge(status, 1, Integer::sum);
      maxRecoveries = Math.max(maxRecoveries, recoveries);
      startRetries += t.started().attempts() - 1;
      startReplayed += t.started().replayed() ? 1 : 0;
      if (status.equals("completed")) {
        completed++;
      } else {
        notCompleted.add(
            new Unfinished(
                t.runId(), t.workflow(), status, recoveries, run.path("error").toString()));
      }
      Instant created = Instant.parse(run.path("createdAt").asText());
      Instant finished =
          run.path("finishedAt").isTextual()
              ? Instant.parse(run.path("finishedAt").asText())
              : Instant.now();
      long ms = Duration.between(created, finished).toMillis();
      times.add(new RunTime(t.runId(), t.workflow(), ms, recoveries, run.path("attempt").asInt()));
    }

    void finish(List<String> failures) {
      startFailures = List.copyOf(failures);
      requested = started + failures.size();
      List<RunTime> byTime =
          times.stream().sorted(Comparator.comparingLong(RunTime::millis)).toList();
      if (!byTime.isEmpty()) {
        durationMillis =
            new Spread(
                byTime.get(byTime.size() / 2).millis(),
                byTime.get(Math.min(byTime.size() - 1, byTime.size() * 9 / 10)).millis(),
                byTime.getLast().millis());
      }
      slowest = byTime.reversed().stream().limit(5).toList();
    }
  }

  /** What the SSE clients saw, added up. */
  @JsonAutoDetect(fieldVisibility = Visibility.ANY)
  static final class Clients {
    long eventsReceived;
    int connections;
    int drops;
    int retries;
    final Map<String, Integer> retryCauses = new TreeMap<>();
    int gaps;
    int missingEvents;
    int duplicates;
    int streamMismatches;
    final List<StreamMismatch> mismatchedRuns = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    int problemCount;

    /** One client's counts, and how its events compare with the stored stream (empty: equal). */
    void add(String runId, SseFollower.Seen seen, int stored, String difference) {
      eventsReceived += seen.events().size();
      connections += seen.connections();
      drops += seen.drops();
      retries += seen.retries();
      seen.retryCauses().forEach((k, v) -> retryCauses.merge(k, v, Integer::sum));
      gaps += seen.gaps();
      missingEvents += seen.missing();
      duplicates += seen.duplicates();
      for (String p : seen.problems()) {
        if (problemCount++ < 40) {
          problems.add(runId + ": " + p);
        }
      }
      if (!difference.isEmpty() && streamMismatches++ < 20) {
        mismatchedRuns.add(new StreamMismatch(runId, seen.events().size(), stored, difference));
      }
    }
  }

  /** The LLM runs' assembled output against their results. */
  @JsonAutoDetect(fieldVisibility = Visibility.ANY)
  static final class Output {
    int llmRuns;
    int checked;
    int mismatches;
    final List<OutputMismatch> mismatchedRuns = new ArrayList<>();

    void add(String runId, String assembled, String result) {
      checked++;
      if (!assembled.equals(result) && mismatches++ < 10) {
        mismatchedRuns.add(new OutputMismatch(runId, assembled, result));
      }
    }
  }
}
