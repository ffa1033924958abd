package dev.spool.cli.internal;

import dev.spool.InvalidInputException;
import dev.spool.Spool;
import dev.spool.client.SignalReceipt;
import dev.spool.client.SpoolClient;
import dev.spool.store.SignalResult;
import dev.spool.store.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code spool signal}: sends a signal to a run's {@code ctx.awaitSignal}. */
@Command(
    name = "signal",
    mixinStandardHelpOptions = true,
    description = {
      "Send a signal to a run (human in the loop). It is kept durably in the run's stream,",
      "so it is received even if no worker is running now. Exit 1 if the run has ended."
    })
public final class SignalCommand implements Callable<Integer> {
  @ParentCommand private CliContext cli;

  @Parameters(index = "0", paramLabel = "RUN", description = "Run id.")
  private String runId;

  @Parameters(index = "1", paramLabel = "NAME", description = "Signal name, e.g. approve.")
  private String name;

  @Option(
      names = "--value",
      paramLabel = "JSON",
      defaultValue = "{}",
      description = "The signal's value as JSON (default: {}).")
  private String value;

  @Mixin private RemoteOptions remote;

  @Override
  public Integer call() {
    java.util.Optional<String> server = remote.server(cli.io());
    if (server.isPresent()) {
      try (SpoolClient client = remote.client(cli.io(), server.get())) {
        SignalReceipt r = RemoteOptions.call(() -> client.signal(runId, name, value));
        cli.io()
            .out()
            .println("sent signal '" + name + "' to run " + runId + " (event " + r.seq() + ")");
        return 0;
      }
    }
    try (Store store = Stores.open(cli.storeUri(), true)) {
      Spool spool = Stores.spool(store, "default");
      SignalResult r;
      try {
        r =
            spool
                .signal(runId, name, value)
                .orElseThrow(
                    () -> CliException.usage("no run " + runId + " in " + store.describe()));
      } catch (InvalidInputException e) {
        throw CliException.usage(e.getMessage());
      }
      if (!r.delivered()) {
        throw new CliException(
            CliException.FAILED,
            "run " + runId + " has " + r.run().status().wireName() + "; signal not sent");
      }
      cli.io()
          .out()
          .println(
              "sent signal '"
                  + name
                  + "' to run "
                  + runId
                  + " (event "
                  + r.event().get().seq()
                  + ")");
      return 0;
    }
  }
}
