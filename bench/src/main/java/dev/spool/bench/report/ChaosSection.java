package dev.spool.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The chaos pass in Markdown: a section of the main report, and on its own the report {@code
 * bench/chaos/run.sh} writes.
 */
public final class ChaosSection {
  private final JsonNode c;
  private final StringBuilder md;

  private ChaosSection(JsonNode chaos, StringBuilder md) {
    this.c = chaos;
    this.md = md;
  }

  /** Appends the "Chaos" section of the main report (nothing when the pass did not run it). */
  static void append(JsonNode chaos, StringBuilder md) {
    if (chaos.isMissingNode() || chaos.isEmpty()) {
      return;
    }
    md.append("## Chaos: `kill -9` of workers and of Redis under load\n\n");
    new ChaosSection(chaos, md).body("###");
  }

  /** Writes {@code DIR/PREFIX.md}, the chaos harness's report on its own. */
  public static Path writeStandalone(JsonNode chaos, Path dir, String prefix) throws IOException {
    StringBuilder md = new StringBuilder();
    boolean quick = chaos.path("label").asText().equals("quick");
    md.append("# Spool chaos pass, ")
        .append(chaos.path("date").asText())
        .append(quick ? " (quick)" : " (full)")
        .append("\n\nProduced by `bench/chaos/run.sh")
        .append(quick ? " --quick" : "")
        .append("` (raw data: `")
        .append(prefix)
        .append(".json`).\n\n");
    new ChaosSection(chaos, md).body("##");
    Path file = dir.resolve(prefix + ".md");
    Files.writeString(file, md.toString());
    return file;
  }

  private void body(String h) {
    JsonNode plan = c.path("plan");
    JsonNode verdict = c.path("verdict");
    md.append("**Verdict: ")
        .append(verdict.path("pass").asBoolean() ? "PASS" : "FAIL")
        .append("**");
    if (verdict.path("failures").size() > 0) {
      md.append(": ");
      verdict.path("failures").forEach(f -> md.append(f.asText()).append("; "));
      md.setLength(md.length() - 2);
    }
    md.append(".\n\n");
    topology(plan);
    machine();
    mustBeZero(h);
    figures(h);
    details(h);
    method(h);
  }

  private void topology(JsonNode plan) {
    JsonNode redis = c.path("chaos").path("redis");
    md.append("All real processes on one machine, loopback only: ")
        .append(plan.path("workers").asInt())
        .append(" `spool worker` JVMs (`--lease-ttl ")
        .append(plan.path("leaseTtl").asText())
        .append(" --max-recoveries ")
        .append(plan.path("maxRecoveries").asInt())
        .append("`) and ")
        .append(plan.path("apis").asInt())
        .append(" `spool api` JVMs (`--no-auth`, 127.0.0.1) on one `redis-server` with")
        .append(" `appendonly yes, appendfsync always`; a fake OpenAI-compatible provider (")
        .append(plan.path("fakeTokensPerSecond").asInt())
        .append(" tokens/s, ")
        .append(plan.path("fakeWords").asInt())
        .append(" words a reply, a different text for every request) in the harness JVM. Over a ")
        .append(plan.path("windowSeconds").asInt())
        .append(" s window the harness starts ")
        .append(plan.path("stepsRuns").asInt())
        .append(" `chaos-steps` runs (")
        .append(plan.path("steps").asInt())
        .append(" steps of ")
        .append(plan.path("stepMillis").asInt())
        .append(" ms, each execution written to a ledger) and ")
        .append(plan.path("llmRuns").asInt())
        .append(" `chaos-llm` runs (one or two replies streamed into output) at an even pace,")
        .append(" alternating the API servers (`POST /v1/workflows/{name}/runs` with an")
        .append(" Idempotency-Key). Every ")
        .append(plan.path("killEveryMillis").path(0).asInt() / 1000)
        .append("–")
        .append(plan.path("killEveryMillis").path(1).asInt() / 1000)
        .append(" s (seeded, seed ")
        .append(plan.path("seed").asLong())
        .append(") a random worker is killed with SIGKILL and a replacement started at once;")
        .append(" once, at ")
        .append(redis.path("killedAtSeconds").asText("?"))
        .append(" s, `redis-server` is killed with SIGKILL (not a shutdown: no final save) and")
        .append(" restarted on the same port and folder after a ")
        .append(redis.path("pauseMillis").asInt())
        .append(" ms pause, replaying its AOF. Each run has one SSE client that drops its")
        .append(" connection after a random 1–30 events or 0.2–4 s and resumes on a random API")
        .append(" server with `Last-Event-ID`, retrying on 503 and connection errors.\n\n");
  }

  private void mustBeZero(String h) {
    JsonNode runs = c.path("runs");
    md.append(h).append(" Must hold\n\n| check | count |\n|---|---|\n");
    row(
        "runs completed / started (requested)",
        runs.path("completed").asInt()
            + " / "
            + runs.path("started").asInt()
            + " ("
            + runs.path("requested").asInt()
            + ")");
    row("checkpointed steps executed twice", n("ledger", "checkpointedStepsExecutedAgain"));
    row("gaps seen by clients", n("clients", "gaps"));
    row("duplicates seen by clients", n("clients", "duplicates"));
    row(
        "runs whose client-received events differ from the stored stream",
        n("clients", "streamMismatches"));
    row("LLM runs whose assembled output differs from their result", n("output", "mismatches"));
    row("steps completed twice in a stored stream", n("ledger", "stepCompletedTwice"));
    row(
        "steps results naming a nonce other than the checkpoint's",
        n("ledger", "resultDisagreesWithCheckpoints"));
    row("checkpointed executions missing from the ledgers", n("ledger", "winnerMissingFromLedger"));
    md.append("\n");
  }

  private void figures(String h) {
    JsonNode chaos = c.path("chaos");
    JsonNode ev = c.path("eventCounts");
    JsonNode cl = c.path("clients");
    JsonNode l = c.path("ledger");
    JsonNode t = c.path("timing");
    md.append(h).append(" What happened\n\n| | |\n|---|---|\n");
    row("runs by status", c.path("runs").path("byStatus").toString().replace("\"", ""));
    row(
        "worker kills (SIGKILL) / worker JVMs started",
        chaos.path("kills").asInt() + " / " + chaos.path("workersStarted").asInt());
    row(
        "worker JVMs that exited by themselves (replaced)",
        Integer.toString(chaos.path("workersExitedByThemselves").size()));
    row("Redis after its restart", "`" + chaos.path("redis").path("aof").asText("?") + "`");
    row(
        "Redis down (SIGKILL → PING answered again)",
        chaos.path("redis").path("downMillis").asText("?") + " ms");
    row(
        "most recoveries of one run (the limit fails a run past it)",
        n("runs", "maxRecoveries")
            + " (limit "
            + c.path("plan").path("maxRecoveries").asInt()
            + ")");
    row(
        "`worker.lost` / `run.resumed` events",
        ev.path("worker.lost").asInt() + " / " + ev.path("run.resumed").asInt());
    row(
        "`output.superseded` / `step.retrying` / `run.failed` events",
        ev.path("output.superseded").asInt()
            + " / "
            + ev.path("step.retrying").asInt()
            + " / "
            + ev.path("run.failed").asInt());
    row(
        "starts retried on another API server / answered as idempotent replays",
        n("runs", "startRetries") + " / " + n("runs", "startReplayed"));
    row("step executions in the ledgers", n("ledger", "executions"));
    row("executions lost to kills: started, never ended", l.path("lostStartedNoEnd").asText());
    row(
        "executions lost to kills: ended, not checkpointed",
        l.path("lostEndedNotCheckpointed").asText());
    row("most executions of one step", l.path("maxExecutionsOfOneStep").asText());
    row(
        "SSE events received / connections / drops by the client",
        cl.path("eventsReceived").asText()
            + " / "
            + cl.path("connections").asText()
            + " / "
            + cl.path("drops").asText());
    row(
        "SSE reconnects after a refusal or a connection error",
        cl.path("retries").asText() + " " + cl.path("retryCauses").toString().replace("\"", ""));
    JsonNode d = c.path("runs").path("durationMillis");
    row(
        "run duration, creation to end (p50 / p90 / max)",
        d.path("p50").asLong() / 1000.0
            + " s / "
            + d.path("p90").asLong() / 1000.0
            + " s / "
            + d.path("max").asLong() / 1000.0
            + " s");
    row("API requests retried (starts and reads)", chaos.path("apiRetries").asText());
    row("fake LLM requests", chaos.path("fakeLlmRequests").asText());
    row(
        "window / settle after it / whole pass",
        t.path("windowSeconds").asText()
            + " s / "
            + t.path("settleSeconds").asText()
            + " s / "
            + t.path("elapsedSeconds").asText()
            + " s");
    row("completed runs per second (window + settle)", t.path("runsPerSecond").asText());
    md.append("\n");
  }

  private void machine() {
    JsonNode m = c.path("machine");
    if (m.isMissingNode()) {
      return;
    }
    md.append("Machine: ")
        .append(m.path("cpu").asText())
        .append(", ")
        .append(m.path("cores").asInt())
        .append(" cores, ")
        .append(m.path("memoryGiB").asText())
        .append(" GiB, ")
        .append(m.path("jdk").asText())
        .append(". It is shared: load average (1, 5, 15 min) ")
        .append(m.path("loadAverageAtStart").asText())
        .append(" at the start; every 10 s of the window (1 min): ");
    c.path("chaos")
        .path("loadAverage")
        .forEach(p -> md.append(p.path(1).asText().split(" ")[0]).append(' '));
    md.setLength(md.length() - 1);
    md.append(".\n\n");
  }

  private void details(String h) {
    list(h + " Runs that could not be started", c.path("runs").path("startFailures"));
    list(h + " Runs that did not complete", c.path("runs").path("notCompleted"));
    list(h + " Streams that differ", c.path("clients").path("mismatchedRuns"));
    list(h + " Outputs that differ", c.path("output").path("mismatchedRuns"));
    list(h + " Ledger findings (first 20)", c.path("ledger").path("examples"));
    list(h + " Client problems (first 40)", c.path("clients").path("problems"));
    list(
        h + " Workers that exited by themselves",
        c.path("chaos").path("workersExitedByThemselves"));
    list(h + " Slowest runs", c.path("runs").path("slowest"));
    list(h + " Harness errors", c.path("chaos").path("errors"));
  }

  private void list(String title, JsonNode items) {
    if (items.size() == 0) {
      return;
    }
    md.append(title).append("\n\n");
    items.forEach(
        i -> md.append("- `").append(i.isTextual() ? i.asText() : i.toString()).append("`\n"));
    md.append("\n");
  }

  private void method(String h) {
    md.append(h).append(" How it is checked\n\n");
    md.append(
            "- After the window no more chaos; the harness waits for every client to see its run's")
        .append(" terminal event (up to the settle time), then reads each run and its whole stored")
        .append(" stream through the API (`GET /v1/runs/{id}`, NDJSON events).\n");
    md.append("- Gaps and duplicates are counted by each SSE client itself, a raw reader over")
        .append(" `java.net.http` that keeps every event it received in order: a gap is an id")
        .append(" above the last one + 1, a duplicate an id at or below it. The received list must")
        .append(" equal the stored stream event for event.\n");
    md.append(
            "- LLM runs: the output a client assembles from the events it received (`OutputAssembler`,")
        .append(
            " which drops chunks an `output.superseded` voided) must equal the run's result.\n");
    md.append(
            "- Checkpointed steps executed twice: each execution of a `chaos-steps` step body writes")
        .append(
            " a start and an end line (run, step path, nonce, ns since the epoch) to its worker")
        .append(
            " process's ledger with one `O_APPEND` write each, before the step returns; the step's")
        .append(" result carries the nonce, so `step.completed` names the execution that won. Any")
        .append(" other execution of that step that started after the winner's end line is a")
        .append(" re-execution of a checkpointed step. Executions killed mid-step (no end line) or")
        .append(
            " ended but not checkpointed (the kill came before the commit) are expected and only")
        .append(" counted.\n\n");
  }

  private String n(String section, String field) {
    return c.path(section).path(field).asText();
  }

  private void row(String k, String v) {
    md.append("| ").append(k).append(" | ").append(v).append(" |\n");
  }
}
