package dev.spool.cli.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.Json;
import dev.spool.RunStatus;
import dev.spool.store.RunInfo;
import dev.spool.store.RunQuery;
import dev.spool.store.RunRules;
import dev.spool.store.Store;
import dev.spool.store.WorkerBeat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code spool runs}: the runs in a store, newest first. */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = "List runs, newest first; export one, retry or cancel many at once.",
    subcommands = {RunsExportCommand.class, RunsRetryCommand.class, RunsCancelCommand.class})
public final class RunsCommand implements Callable<Integer> {
  private static final String[] HEADINGS = {"RUN", "WORKFLOW", "STATUS", "STARTED", "DURATION"};

  @ParentCommand private CliContext cli;

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      description =
          "Only runs with this status: queued, running, waiting, completed, failed, cancelled.")
  private String status;

  @Option(names = "--workflow", paramLabel = "NAME", description = "Only runs of this workflow.")
  private String workflow;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "50",
      description = "At most N runs, 1..1000 (default: ${DEFAULT-VALUE}).")
  private int limit;

  @Option(names = "--json", description = "Print one JSON object per run.")
  private boolean json;

  /** The top-level command's streams and store, for the subcommands. */
  CliContext cli() {
    return cli;
  }

  @Override
  public Integer call() {
    RunQuery query = query();
    Io io = cli.io();
    try (Store store = Stores.open(cli.storeUri(), true)) {
      List<RunInfo> runs = store.listRuns(query);
      Instant now = Instant.now();
      List<WorkerBeat> live = store.fleet().workers(now.minus(DeploymentsCommand.LIVE));
      if (json) {
        runs.forEach(
            r -> {
              ObjectNode o = toJson(r, now);
              waitingFor(r, live, now).ifPresent(why -> o.put("waitingFor", why));
              io.out().println(Json.write(o));
            });
      } else if (runs.isEmpty()) {
        io.out().println("no runs" + (status != null || workflow != null ? " match" : " yet"));
      } else {
        table(io, runs, now);
        for (RunInfo r : runs) {
          waitingFor(r, live, now).ifPresent(why -> io.out().println(r.runId() + " waits: " + why));
        }
      }
      io.out().flush();
      return 0;
    }
  }

  /** Why a runnable run has no live worker to take it, as the API says it. */
  private static Optional<String> waitingFor(RunInfo r, List<WorkerBeat> live, Instant now) {
    return RunRules.claimable(r, now, Optional.empty())
        ? RunRules.waitingForWorker(r, live)
        : Optional.empty();
  }

  private RunQuery query() {
    if (limit < 1 || limit > 1000) {
      throw CliException.usage("--limit must be within 1..1000, got " + limit);
    }
    RunQuery q = RunQuery.latest(limit);
    if (status != null) {
      try {
        q = q.withStatus(RunStatus.fromWire(status));
      } catch (IllegalArgumentException e) {
        throw CliException.usage(e.getMessage());
      }
    }
    return workflow == null ? q : q.withWorkflow(workflow);
  }

  private static void table(Io io, List<RunInfo> runs, Instant now) {
    Style style = new Style(io.colour());
    List<String[]> rows = new ArrayList<>();
    for (RunInfo r : runs) {
      rows.add(
          new String[] {
            r.runId(),
            r.workflow(),
            r.status().wireName(),
            r.startedAt().map(Text::localTime).orElse(""),
            r.duration(now).map(Text::duration).orElse("")
          });
    }
    Table.print(io, style, HEADINGS, rows, 2);
  }

  private static ObjectNode toJson(RunInfo r, Instant now) {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("runId", r.runId());
    o.put("workflow", r.workflow());
    o.put("version", r.version());
    o.put("status", r.status().wireName());
    o.put("createdAt", r.createdAt().toString());
    r.startedAt().ifPresent(t -> o.put("startedAt", t.toString()));
    r.finishedAt().ifPresent(t -> o.put("finishedAt", t.toString()));
    r.duration(now).ifPresent(d -> o.put("durationMs", d.toMillis()));
    o.put("attempt", r.attempt());
    o.put("lastSeq", r.lastSeq());
    o.put("deployment", r.deployment());
    o.set("input", Text.data(r.input()));
    r.result().ifPresent(v -> o.set("result", Text.data(v)));
    r.error().ifPresent(v -> o.set("error", Text.data(v)));
    return o;
  }
}
