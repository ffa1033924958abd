package dev.spool.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.bench.proc.Protocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The chaos pass in Markdown, from its results: a section of the main report, and on its own the
 * report {@code bench/chaos/run.sh} writes. Also a main, to write that report again from a results
 * file: {@code ChaosSection RESULTS.json OUT_DIR PREFIX}.
 *
 * @param c the chaos results
 * @param md where the Markdown goes
 */
public record ChaosSection(JsonNode c, StringBuilder md) {

  public static void main(String[] args) throws IOException {
    writeStandalone(Protocol.json().readTree(Path.of(args[0]).toFile()), Path.of(args[1]), args[2]);
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
    boolean quick = chaos.path("label").asText().equals("quick");
    StringBuilder md = new StringBuilder();
    md.append(
        "# Spool chaos pass, %s (%s)\n\nProduced by `bench/chaos/run.sh%s` (raw data: `%s.json`).\n\n"
            .formatted(
                chaos.path("date").asText(),
                quick ? "quick" : "full",
                quick ? " --quick" : "",
                prefix));
    new ChaosSection(chaos, md).body("##");
    Path file = dir.resolve(prefix + ".md");
    Files.writeString(file, md.toString());
    return file;
  }

  private void body(String h) {
    JsonNode verdict = c.path("verdict");
    md.append("**Verdict: ").append(verdict.path("pass").asBoolean() ? "PASS" : "FAIL");
    verdict.path("failures").forEach(f -> md.append("; ").append(f.asText()));
    md.append("**\n\n");
    topology();
    machine();
    md.append(h).append(" Must hold\n\n| check | count |\n|---|---|\n");
    row("runs completed / started / requested", "runs/completed", "runs/started", "runs/requested");
    row("checkpointed steps executed twice", "ledger/checkpointedStepsExecutedAgain");
    row("gaps seen by clients", "clients/gaps");
    row("duplicates seen by clients", "clients/duplicates");
    row("runs whose client-received events differ from the store", "clients/streamMismatches");
    row("LLM runs whose assembled output differs from their result", "output/mismatches");
    row("steps completed twice in a stored stream", "ledger/stepCompletedTwice");
    row(
        "steps results naming another nonce than the checkpoint",
        "ledger/resultDisagreesWithCheckpoints");
    row("checkpointed executions missing from the ledgers", "ledger/winnerMissingFromLedger");
    md.append("\n").append(h).append(" What happened\n\n| | |\n|---|---|\n");
    row("runs by status", "runs/byStatus");
    row("worker kills (SIGKILL) / worker JVMs started", "chaos/kills", "chaos/workersStarted");
    row("worker JVMs that exited by themselves (replaced)", "chaos/workersExitedByThemselves");
    row("Redis after its restart", "chaos/redis/aof");
    row("Redis down, SIGKILL → PING answered again (ms)", "chaos/redis/downMillis");
    row(
        "most recoveries of one run / limit (a run past it fails)",
        "runs/maxRecoveries",
        "plan/maxRecoveries");
    row(
        "`worker.lost` / `run.resumed` events",
        "eventCounts/worker.lost",
        "eventCounts/run.resumed");
    row(
        "`output.superseded` / `step.retrying` / `run.failed` events",
        "eventCounts/output.superseded",
        "eventCounts/step.retrying",
        "eventCounts/run.failed");
    row(
        "starts retried / answered as idempotent replays",
        "runs/startRetries",
        "runs/startReplayed");
    row("step executions in the ledgers", "ledger/executions");
    row("executions lost to kills: started, never ended", "ledger/lostStartedNoEnd");
    row("executions lost to kills: ended, not checkpointed", "ledger/lostEndedNotCheckpointed");
    row("most executions of one step", "ledger/maxExecutionsOfOneStep");
    row(
        "SSE events received / connections / dropped by the client",
        "clients/eventsReceived",
        "clients/connections",
        "clients/drops");
    row(
        "SSE reconnects after a refusal or connection error",
        "clients/retries",
        "clients/retryCauses");
    row(
        "run duration, creation to end, p50 / p90 / max (ms)",
        "runs/durationMillis/p50",
        "runs/durationMillis/p90",
        "runs/durationMillis/max");
    row("API requests retried (starts and reads)", "chaos/apiRetries");
    row("fake LLM requests", "chaos/fakeLlmRequests");
    row(
        "window / settle after it / whole pass (s)",
        "timing/windowSeconds",
        "timing/settleSeconds",
        "timing/elapsedSeconds");
    row("completed runs per second (window + settle)", "timing/runsPerSecond");
    md.append("\n");
    list(h + " Runs that could not be started", "runs/startFailures");
    list(h + " Runs that did not complete", "runs/notCompleted");
    list(h + " Streams that differ", "clients/mismatchedRuns");
    list(h + " Outputs that differ", "output/mismatchedRuns");
    list(h + " Ledger findings (first 20)", "ledger/examples");
    list(h + " Client problems (first 40)", "clients/problems");
    list(h + " Workers that exited by themselves", "chaos/workersExitedByThemselves");
    list(h + " Slowest runs", "runs/slowest");
    list(h + " Harness errors", "chaos/errors");
    md.append(h).append(" How it is checked\n\n").append(METHOD);
  }

  private void topology() {
    JsonNode p = c.path("plan");
    JsonNode redis = c.path("chaos").path("redis");
    md.append(
        """
        All real processes on one machine, loopback only: %d `spool worker` JVMs (`--lease-ttl %s \
        --max-recoveries %d`) and %d `spool api` JVMs (`--no-auth`, 127.0.0.1) on one \
        `redis-server` with `appendonly yes, appendfsync always`; a fake OpenAI-compatible \
        provider (%d tokens/s, %d words a reply, a different text for every request) in the \
        harness JVM. Over a %d s window the harness starts %d `chaos-steps` runs (%d steps of %d \
        ms, each execution written to a ledger) and %d `chaos-llm` runs (one or two replies \
        streamed into output) at an even pace, alternating the API servers (`POST \
        /v1/workflows/{name}/runs` with an Idempotency-Key). Every %d–%d s (seed %d) a random \
        worker is killed with SIGKILL and a replacement started at once; once, at %s s, \
        `redis-server` is killed with SIGKILL (not a shutdown: no final save) and restarted on the \
        same port and folder after %d ms, replaying its AOF. Each run has one SSE client that \
        drops its connection after a random 1–30 events or 0.2–4 s and resumes on a random API \
        server with `Last-Event-ID`, retrying on 503 and connection errors. A worker that exits \
        by itself would be replaced at once, as a supervisor would, and is counted below (a \
        replacement started while Redis is down waits for it).

        """
            .formatted(
                p.path("workers").asInt(),
                p.path("leaseTtl").asText(),
                p.path("maxRecoveries").asInt(),
                p.path("apis").asInt(),
                p.path("fakeTokensPerSecond").asInt(),
                p.path("fakeWords").asInt(),
                p.path("windowSeconds").asInt(),
                p.path("stepsRuns").asInt(),
                p.path("steps").asInt(),
                p.path("stepMillis").asInt(),
                p.path("llmRuns").asInt(),
                p.path("killMinMillis").asInt() / 1000,
                p.path("killMaxMillis").asInt() / 1000,
                p.path("seed").asLong(),
                redis.path("killedAtSeconds").asText("?"),
                redis.path("pauseMillis").asInt()));
  }

  private void machine() {
    JsonNode m = c.path("machine");
    if (m.isMissingNode()) {
      return;
    }
    StringBuilder load = new StringBuilder();
    c.path("chaos")
        .path("loadAverage")
        .forEach(p -> load.append(' ').append(p.path(1).asText().split(" ")[0]));
    md.append(
        "Machine: %s, %d cores, %s GiB, %s. It is shared: load average (1, 5, 15 min) %s at the"
                .formatted(
                    m.path("cpu").asText(),
                    m.path("cores").asInt(),
                    m.path("memoryGiB").asText(),
                    m.path("jdk").asText(),
                    m.path("loadAverageAtStart").asText())
            + " start; every 10 s of the window (1 min):"
            + load
            + ".\n\n");
  }

  /** A table row: the values at the paths, joined by " / "; an array shows its size. */
  private void row(String label, String... paths) {
    md.append("| ").append(label).append(" |");
    for (int i = 0; i < paths.length; i++) {
      JsonNode n = at(paths[i]);
      String v =
          n.isArray()
              ? Integer.toString(n.size())
              : n.isMissingNode()
                  ? (paths[i].startsWith("eventCounts/") ? "0" : "?")
                  : n.isValueNode() ? n.asText() : n.toString().replace("\"", "");
      md.append(i == 0 ? " " : " / ").append(v);
    }
    md.append(" |\n");
  }

  private void list(String title, String path) {
    JsonNode items = at(path);
    if (items.size() == 0) {
      return;
    }
    md.append(title).append("\n\n");
    items.forEach(
        i -> md.append("- `").append(i.isTextual() ? i.asText() : i.toString()).append("`\n"));
    md.append("\n");
  }

  private JsonNode at(String path) {
    JsonNode n = c;
    for (String part : path.split("/")) {
      n = n.path(part);
    }
    return n;
  }

  private static final String METHOD =
      """
      - After the window no more chaos; the harness waits for every client to see its run's \
      terminal event (up to the settle time), then reads each run and its whole stored stream \
      through the API (`GET /v1/runs/{id}`, NDJSON events).
      - Gaps and duplicates are counted by each SSE client itself, a raw reader over \
      `java.net.http` that keeps every event it received in order: a gap is an id above the last \
      one + 1, a duplicate an id at or below it. The received list must equal the stored stream \
      event for event.
      - LLM runs: the output a client assembles from the events it received (`OutputAssembler`, \
      which drops chunks an `output.superseded` voided) must equal the run's result.
      - Checkpointed steps executed twice: each execution of a `chaos-steps` step body writes a \
      start and an end line (run, step path, nonce, ns since the epoch) to its worker process's \
      ledger with one `O_APPEND` write each, before the step returns; the step's result carries \
      the nonce, so `step.completed` names the execution that won. Any other execution of that \
      step that started after the winner's end line is a re-execution of a checkpointed step. \
      Executions killed mid-step (no end line) or ended but not checkpointed (the kill came \
      before the commit) are expected and only counted.

      """;
}
