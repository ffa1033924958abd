package dev.spool.cli.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.Json;
import dev.spool.RunStatus;
import dev.spool.store.RunInfo;
import dev.spool.store.RunQuery;
import dev.spool.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code spool runs}: the runs in a store, newest first. */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = "List runs, newest first; retry or cancel many at once.",
    subcommands = {RunsRetryCommand.class, RunsCancelCommand.class})
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
      if (json) {
        runs.forEach(r -> io.out().println(Json.write(toJson(r, now))));
      } else if (runs.isEmpty()) {
        io.out().println("no runs" + (status != null || workflow != null ? " match" : " yet"));
      } else {
        table(io, runs, now);
      }
      io.out().flush();
      return 0;
    }
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
    int[] widths = new int[HEADINGS.length];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = HEADINGS[i].length();
      for (String[] row : rows) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    io.out().println(line(HEADINGS, widths, style, true));
    for (String[] row : rows) {
      io.out().println(line(row, widths, style, false));
    }
  }

  private static String line(String[] cells, int[] widths, Style style, boolean heading) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      String cell = cells[i];
      // Colour after measuring, so escapes do not upset the alignment.
      sb.append(heading ? style.bold(cell) : i == 2 ? style.status(cell) : cell);
      if (i < cells.length - 1) {
        sb.append(" ".repeat(widths[i] - cell.length() + 2));
      }
    }
    return sb.toString().stripTrailing();
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
