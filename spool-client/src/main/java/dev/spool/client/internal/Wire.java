package dev.spool.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.BulkResult;
import dev.spool.Json;
import dev.spool.RunFilter;
import dev.spool.client.CancelReceipt;
import dev.spool.client.ForkedRun;
import dev.spool.client.RetryReceipt;
import dev.spool.client.RunPage;
import dev.spool.client.RunResult;
import dev.spool.client.RunView;
import dev.spool.client.SignalReceipt;
import dev.spool.client.SpoolClientException;
import dev.spool.client.StartedRun;
import dev.spool.client.WorkflowView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads the API's JSON answers into the client's records. */
public final class Wire {
  private Wire() {}

  public static StartedRun startedRun(Reply reply, Transport transport) {
    Fields f = fields(reply);
    return new StartedRun(
        f.text("runId"),
        f.text("workflow"),
        f.status("status"),
        f.bool("created"),
        transport.resolve(f.text("statusUrl")),
        transport.resolve(f.text("eventsUrl")),
        transport.resolve(f.text("resultUrl")));
  }

  public static RunView run(Reply reply) {
    return run(fields(reply));
  }

  static RunView run(Fields f) {
    return new RunView(
        f.text("runId"),
        f.text("workflow"),
        f.text("version"),
        f.status("status"),
        f.json("input"),
        f.optJson("result"),
        f.optJson("error"),
        f.instant("createdAt"),
        f.optInstant("startedAt"),
        f.optInstant("finishedAt"),
        f.optLong("durationMs").map(Duration::ofMillis),
        f.longValue("lastSeq"),
        f.text("deployment"),
        f.intValue("attempt"),
        f.optText("worker"),
        f.optInstant("heartbeatAt"),
        f.optInstant("resumeAt"),
        f.bool("cancelRequested"),
        f.intValue("recoveries"),
        f.optText("idempotencyKey"),
        f.optText("waitingFor"));
  }

  public static RunPage runPage(Reply reply) {
    Fields f = fields(reply);
    JsonNode runs = f.node("runs");
    if (!runs.isArray()) {
      throw new SpoolClientException(source(reply) + " sent \"runs\" that is not an array");
    }
    List<RunView> views = new ArrayList<>(runs.size());
    for (int i = 0; i < runs.size(); i++) {
      views.add(run(new Fields(runs.get(i), source(reply) + " runs[" + i + "]")));
    }
    return new RunPage(views, f.optText("next"));
  }

  public static List<WorkflowView> workflows(Reply reply) {
    JsonNode list = Fields.tree(reply.body(), source(reply));
    if (!list.isArray()) {
      throw new SpoolClientException(source(reply) + " sent something that is not an array");
    }
    List<WorkflowView> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      Fields f = new Fields(list.get(i), source(reply) + " [" + i + "]");
      out.add(
          new WorkflowView(
              f.text("name"),
              f.text("version"),
              f.optText("description").filter(d -> !d.isBlank()),
              f.json("inputSchema"),
              f.json("outputSchema")));
    }
    return out;
  }

  /** A finished run's result (200), with the error or result the status calls for. */
  public static RunResult result(Reply reply) {
    Fields f = fields(reply);
    var status = f.status("status");
    if (!status.isTerminal()) {
      throw new SpoolClientException(
          source(reply) + " answered 200 for a run that is " + status.wireName());
    }
    return new RunResult(f.text("runId"), status, f.optJson("result"), f.optJson("error"));
  }

  public static SignalReceipt signal(Reply reply) {
    Fields f = fields(reply);
    return new SignalReceipt(f.text("runId"), f.text("signal"), f.longValue("seq"));
  }

  public static CancelReceipt cancel(Reply reply) {
    Fields f = fields(reply);
    return new CancelReceipt(f.text("runId"), f.status("status"), f.bool("cancelRequested"));
  }

  public static RetryReceipt retry(Reply reply) {
    Fields f = fields(reply);
    return new RetryReceipt(f.text("runId"), f.status("status"));
  }

  public static ForkedRun forked(Reply reply) {
    Fields f = fields(reply);
    return new ForkedRun(f.text("runId"), f.text("forkedFrom"), f.text("fromStep"));
  }

  public static BulkResult bulk(Reply reply) {
    Fields f = fields(reply);
    List<String> ids = new ArrayList<>();
    f.node("runIds").forEach(n -> ids.add(n.asText()));
    return new BulkResult(f.intValue("matched"), ids);
  }

  /** A {@link RunFilter} and a reason as the bulk endpoints take them. */
  public static String filter(RunFilter filter, String reason) {
    StringBuilder b = new StringBuilder("{\"limit\":").append(filter.limit());
    filter.workflow().ifPresent(w -> b.append(",\"workflow\":").append(Json.quote(w)));
    filter.status().ifPresent(s -> b.append(",\"status\":\"").append(s.wireName()).append('"'));
    filter
        .createdSince()
        .ifPresent(t -> b.append(",\"since\":\"").append(t.toString()).append('"'));
    if (!reason.isEmpty()) {
      b.append(",\"reason\":").append(Json.quote(reason));
    }
    return b.append('}').toString();
  }

  private static Fields fields(Reply reply) {
    return Fields.parse(reply.body(), source(reply));
  }

  private static String source(Reply reply) {
    return Failures.describe(reply.request());
  }
}
