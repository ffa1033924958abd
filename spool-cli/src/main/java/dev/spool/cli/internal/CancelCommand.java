package dev.spool.cli.internal;

import dev.spool.RunStatus;
import dev.spool.Spool;
import dev.spool.client.CancelReceipt;
import dev.spool.client.SpoolClient;
import dev.spool.store.RunInfo;
import dev.spool.store.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code spool cancel}: asks a run to stop. */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = {
      "Cancel a run: a queued or waiting run ends at once, a running one at its next step",
      "boundary or wait (its worker notices within a second). Exit 1 if it had already ended."
    })
public final class CancelCommand implements Callable<Integer> {
  @ParentCommand private CliContext cli;

  @Parameters(index = "0", paramLabel = "RUN", description = "Run id.")
  private String runId;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why; kept in the run's stream.")
  private String reason = "";

  @Mixin private RemoteOptions remote;

  @Override
  public Integer call() {
    java.util.Optional<String> server = remote.server(cli.io());
    if (server.isPresent()) {
      try (SpoolClient client = remote.client(cli.io(), server.get())) {
        CancelReceipt r = RemoteOptions.call(() -> client.cancel(runId, reason));
        cli.io()
            .out()
            .println(
                r.status() == RunStatus.CANCELLED
                    ? "cancelled run " + runId
                    : "cancel requested for run "
                        + runId
                        + "; its worker stops it at the next step");
        return 0;
      }
    }
    try (Store store = Stores.open(cli.storeUri(), true)) {
      Spool spool = Stores.spool(store, "default");
      RunStatus before =
          store
              .getRun(runId)
              .orElseThrow(() -> CliException.usage("no run " + runId + " in " + store.describe()))
              .status();
      if (before.isTerminal()) {
        throw new CliException(
            CliException.FAILED, "run " + runId + " has already " + before.wireName());
      }
      RunInfo after = spool.cancel(runId, reason).orElseThrow();
      cli.io()
          .out()
          .println(
              after.status() == RunStatus.CANCELLED
                  ? "cancelled run " + runId
                  : "cancel requested for run " + runId + "; its worker stops it at the next step");
      return 0;
    }
  }
}
