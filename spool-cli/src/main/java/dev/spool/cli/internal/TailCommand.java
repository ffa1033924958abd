package dev.spool.cli.internal;

import dev.spool.Spool;
import dev.spool.client.RunView;
import dev.spool.client.SpoolClient;
import dev.spool.store.RunInfo;
import dev.spool.store.Store;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code spool tail}: replays a run's events and follows it live to its end, without running it.
 */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = {
      "Print a run's events after a sequence number, then follow it live until it ends.",
      "Exit 0 when it completed, 1 when it failed or was cancelled."
    })
public final class TailCommand implements Callable<Integer> {
  @ParentCommand private CliContext cli;

  @Parameters(index = "0", paramLabel = "RUN", description = "Run id (see: spool runs).")
  private String runId;

  @Option(
      names = "--after",
      paramLabel = "N",
      defaultValue = "0",
      description = "Only events with a sequence number greater than N (default: 0, all).")
  private long after;

  @Option(names = "--json", description = "Print each event as one JSON line, nothing else.")
  private boolean json;

  @Mixin private RemoteOptions remote;

  @Override
  public Integer call() {
    if (after < 0) {
      throw CliException.usage("--after must be >= 0, got " + after);
    }
    Io io = cli.io();
    Optional<String> server = remote.server(io);
    if (server.isPresent()) {
      try (SpoolClient client = remote.client(io, server.get())) {
        RunView run = RemoteOptions.call(() -> client.run(runId));
        EventPrinter printer = EventPrinter.of(io, json);
        printer.header(run.runId(), run.workflow(), run.version());
        return RemoteOptions.follow(io, client, runId, after, printer);
      }
    }
    try (Store store = Stores.open(cli.storeUri(), true)) {
      RunInfo run =
          store
              .getRun(runId)
              .orElseThrow(() -> CliException.usage("no run " + runId + " in " + store.describe()));
      EventPrinter printer = EventPrinter.of(io, json);
      printer.header(run);
      if (run.status().isTerminal() && after >= run.lastSeq()) {
        // Nothing after N will ever come: do not wait for it.
        return Follow.exitCode(io, run);
      }
      Spool spool = Stores.spool(store, run.deployment());
      return Follow.watch(io, spool, runId, after, printer);
    }
  }
}
