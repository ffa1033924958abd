package dev.spool.cli.internal;

import dev.spool.Durations;
import dev.spool.RunFilter;
import dev.spool.RunStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;

/** Which runs {@code spool runs retry} and {@code spool runs cancel} act on. */
public final class BulkOptions {
  @Option(names = "--workflow", paramLabel = "NAME", description = "Only runs of this workflow.")
  String workflow;

  @Option(names = "--status", paramLabel = "STATUS", description = "Only runs with this status.")
  String status;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      description = "Only runs created since TIME: an instant (2026-12-03T10:00:00Z) or 24h ago.")
  String since;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "1000",
      description = "At most N runs, 1..10000 (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why; kept in each run's stream.")
  String reason = "";

  RunFilter filter(Instant now) {
    try {
      RunFilter f = RunFilter.all().limit(limit);
      if (workflow != null) {
        f = f.workflow(workflow);
      }
      if (status != null) {
        f = f.status(RunStatus.fromWire(status));
      }
      return since == null ? f : f.createdSince(since(now));
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  private Instant since(Instant now) {
    try {
      return Instant.parse(since);
    } catch (DateTimeParseException e) {
      return now.minus(Durations.parse(since));
    }
  }
}
