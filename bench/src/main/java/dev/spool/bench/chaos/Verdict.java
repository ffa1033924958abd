package dev.spool.bench.chaos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pass or fail: every must-be-0 count is 0 and every started run completed. */
final class Verdict {
  /** The must-be-0 counts: section of the results, field, what it means. */
  static final List<String[]> MUST_BE_ZERO =
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

  @SuppressWarnings("unchecked")
  static Map<String, Object> of(Map<String, Object> result) {
    List<String> failures = new ArrayList<>();
    Map<String, Object> runs = (Map<String, Object>) result.get("runs");
    long started = ((Number) runs.get("started")).longValue();
    long completed = ((Number) runs.get("completed")).longValue();
    List<Object> startFailures = (List<Object>) runs.get("startFailures");
    if (!startFailures.isEmpty()) {
      failures.add(startFailures.size() + " runs could not be started");
    }
    if (completed != started) {
      failures.add((started - completed) + " of " + started + " started runs did not complete");
    }
    for (String[] m : MUST_BE_ZERO) {
      long n = ((Number) ((Map<String, Object>) result.get(m[0])).get(m[1])).longValue();
      if (n != 0) {
        failures.add(m[2] + ": " + n);
      }
    }
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("pass", failures.isEmpty());
    v.put("failures", failures);
    return v;
  }
}
