package dev.spool.server.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.store.RunInfo;
import java.time.Instant;
import java.util.Optional;

/** A run as the API shows it: every field, ISO-8601 instants, JSON {@code null} where absent. */
public final class RunJson {
  private RunJson() {}

  public static String statusUrl(String runId) {
    return "/v1/runs/" + runId;
  }

  public static ObjectNode of(RunInfo r, Instant now) {
    ObjectNode n = Responses.object();
    n.put("runId", r.runId());
    n.put("workflow", r.workflow());
    n.put("version", r.version());
    n.put("status", r.status().wireName());
    n.set("input", Responses.raw(r.input()));
    n.set("result", Responses.raw(r.result()));
    n.set("error", Responses.raw(r.error()));
    n.put("createdAt", r.createdAt().toString());
    putInstant(n, "startedAt", r.startedAt());
    putInstant(n, "finishedAt", r.finishedAt());
    Optional<Long> ms = r.duration(now).map(d -> d.toMillis());
    if (ms.isPresent()) {
      n.put("durationMs", ms.get());
    } else {
      n.putNull("durationMs");
    }
    n.put("lastSeq", r.lastSeq());
    n.put("deployment", r.deployment());
    n.put("attempt", r.attempt());
    putString(n, "worker", r.leaseOwner());
    putInstant(n, "heartbeatAt", r.heartbeatAt());
    putInstant(n, "resumeAt", r.resumeAt());
    n.put("cancelRequested", r.cancelRequested());
    n.put("recoveries", r.recoveries());
    putString(n, "idempotencyKey", r.idempotencyKey());
    return n;
  }

  private static void putInstant(ObjectNode n, String field, Optional<Instant> value) {
    putString(n, field, value.map(Instant::toString));
  }

  private static void putString(ObjectNode n, String field, Optional<String> value) {
    if (value.isPresent()) {
      n.put(field, value.get());
    } else {
      n.putNull(field);
    }
  }
}
