package dev.spool.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The report's section on recovery after {@code kill -9} of a worker. */
final class RecoverySection {
  private RecoverySection() {}

  static void append(JsonNode rec, StringBuilder md) {
    if (rec.isEmpty()) {
      return;
    }
    md.append("## Recovery after `kill -9` of a worker\n\n");
    md.append("Two `spool worker` processes on one SQLite file; the first runs a `steps` run (100")
        .append(" ms steps) and is killed with SIGKILL once the second is up. Timed from the kill")
        .append(" to the `worker.lost` the survivor's reaper writes, to `run.resumed` on the")
        .append(" survivor, and to the next `step.completed` there, by the events' timestamps.")
        .append(" **same host**: the survivor sees that the killed worker's process is gone")
        .append(" (same kernel boot and PID namespace) and recovers its run at once. **other")
        .append(" host**: the killed worker ran in a UTS namespace of its own under another host")
        .append(
            " name (`unshare --uts`), as a worker on another machine would, so the survivor can")
        .append(" only wait for its lease to expire. DBOS (recovery by executor restart or its")
        .append(" Conductor service) and Restate (retries of the invocation against the endpoint)")
        .append(" recover differently and are not compared.\n\n");
    md.append("| killed worker | lease ttl | trials | noticed as | kill → worker.lost (s)")
        .append(" | kill → run.resumed (s) | kill → next step (s) | resumed ÷ ttl |\n");
    md.append("|---|---|---|---|---|---|---|---|\n");
    for (String k : Report.names(rec)) {
      JsonNode x = rec.get(k);
      List<Double> lost = new ArrayList<>();
      List<Double> resumed = new ArrayList<>();
      List<Double> next = new ArrayList<>();
      TreeSet<String> causes = new TreeSet<>();
      for (JsonNode t : x.path("trials")) {
        lost.add(t.path("killToLostMillis").asDouble() * 1000);
        resumed.add(t.path("killToResumedMillis").asDouble() * 1000);
        next.add(t.path("killToNextStepMillis").asDouble() * 1000);
        causes.add(t.path("cause").asText("?"));
      }
      String ttl = x.path("leaseTtl").asText();
      double ttlMicros = Durations.parse(ttl).toMillis() * 1000.0;
      md.append("| ")
          .append(x.path("victim").asText("same-host").replace('-', ' '))
          .append(" | ")
          .append(ttl)
          .append(ttl.equals("15s") ? " (default)" : "")
          .append(" | ")
          .append(x.path("trials").size())
          .append(" | `")
          .append(String.join("`, `", causes))
          .append("` | ")
          .append(seconds(Stats.spread(lost)))
          .append(" | ")
          .append(seconds(Stats.spread(resumed)))
          .append(" | ")
          .append(seconds(Stats.spread(next)))
          .append(" | ")
          .append(Stats.ratio(Stats.spread(resumed).median() / ttlMicros))
          .append(" |\n");
    }
    md.append("\n");
  }

  private static String seconds(Stats.Spread s) {
    Stats.Spread inSeconds =
        new Stats.Spread(s.median() / 1e6, s.min() / 1e6, s.max() / 1e6, s.n());
    return inSeconds.plain();
  }
}
