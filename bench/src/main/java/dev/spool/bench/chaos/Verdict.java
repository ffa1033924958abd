package dev.spool.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pass or fail: every must-be-0 count is 0 and every requested run started and completed. */
final class Verdict {
  /** The must-be-0 counts: section of the results, field, what it means. */
  private static final List<String[]> MUST_BE_ZERO =
      List.of(
          new String[] {"clients", "gaps", "gaps seen by clients"},
          new String[] {"clients", "duplicates", "duplicates seen by clients"},
          new String[] {
            "clients", "streamMismatches", "runs whose client-received events differ from the store"
          },
          new String[] {
            "output", "mismatches", "LLM runs whose assembled output differs from their result"
          },
          new String[] {
            "ledger", "checkpointedStepsExecutedAgain", "checkpointed steps executed twice"
          },
          new String[] {"ledger", "stepCompletedTwice", "steps completed twice in a stream"},
          new String[] {
            "ledger", "resultDisagreesWithCheckpoints", "steps results naming a non-winning nonce"
          },
          new String[] {
            "ledger", "winnerMissingFromLedger", "checkpointed executions missing from the ledger"
          });

  private Verdict() {}

  static Map<String, Object> of(JsonNode result) {
    List<String> failures = new ArrayList<>();
    JsonNode runs = result.path("runs");
    if (runs.path("startFailures").size() > 0) {
      failures.add(runs.path("startFailures").size() + " runs could not be started");
    }
    long started = runs.path("started").asLong();
    long completed = runs.path("completed").asLong();
    if (completed != started) {
      failures.add((started - completed) + " of " + started + " started runs did not complete");
    }
    for (String[] m : MUST_BE_ZERO) {
      long n = result.path(m[0]).path(m[1]).asLong(-1);
      if (n != 0) {
        failures.add(m[2] + ": " + (n < 0 ? "not counted" : n));
      }
    }
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("pass", failures.isEmpty());
    v.put("failures", failures);
    return v;
  }
}
