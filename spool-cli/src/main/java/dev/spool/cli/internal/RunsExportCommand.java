package dev.spool.cli.internal;

import dev.spool.RunHistory;
import dev.spool.client.SpoolClient;
import dev.spool.store.Store;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code spool runs export RUN}: a run's recorded history as JSON, for replay tests. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Print a run's recorded history (the run, its events and its checkpoints) as one JSON",
      "object in the format " + RunHistory.FORMAT + ": spool runs export RUN > run.json.",
      "ReplayTester (spool-testkit) replays such files against new workflow code."
    })
public final class RunsExportCommand implements Callable<Integer> {
  @ParentCommand private RunsCommand runs;

  @Parameters(index = "0", paramLabel = "RUN", description = "Run id.")
  private String runId;

  @Mixin private RemoteOptions remote;

  @Override
  public Integer call() {
    Io io = runs.cli().io();
    Optional<String> server = remote.server(io);
    RunHistory history;
    if (server.isPresent()) {
      try (SpoolClient client = remote.client(io, server.get())) {
        history = RemoteOptions.call(() -> client.history(runId));
      }
    } else {
      try (Store store = Stores.open(runs.cli().storeUri(), true)) {
        history =
            RunHistory.read(store, runId)
                .orElseThrow(
                    () -> CliException.usage("no run " + runId + " in " + store.describe()));
      }
    }
    io.out().println(history.toJson());
    io.out().flush();
    return 0;
  }
}
