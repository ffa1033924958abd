package dev.spool.cli.internal;

import dev.spool.InvalidInputException;
import dev.spool.client.SpoolClient;
import dev.spool.store.Store;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code spool fork}: a new run from one step of a run, reusing what came before it. */
@Command(
    name = "fork",
    mixinStandardHelpOptions = true,
    description = {
      "Start a new run of RUN's workflow that reuses every checkpoint recorded before step PATH",
      "(the steps the code calls before it) and runs from there, with a new input or RUN's.",
      "Prints the new run's id last; `spool tail ID` follows it."
    })
public final class ForkCommand implements Callable<Integer> {
  @ParentCommand private CliContext cli;

  @Parameters(index = "0", paramLabel = "RUN", description = "The run to fork.")
  private String runId;

  @Option(
      names = "--from-step",
      required = true,
      paramLabel = "PATH",
      description = "The step to run from, as the run's events show it (e.g. steps/step#6).")
  private String fromStep;

  @Option(
      names = "--input",
      paramLabel = "JSON",
      description = "The fork's input (default: the source run's).")
  private String input;

  @Mixin private RemoteOptions remote;

  @Override
  public Integer call() {
    Optional<String> server = remote.server(cli.io());
    String forked;
    if (server.isPresent()) {
      try (SpoolClient client = remote.client(cli.io(), server.get())) {
        forked =
            RemoteOptions.call(() -> client.fork(runId, fromStep, Optional.ofNullable(input)))
                .runId();
      }
    } else {
      try (Store store = Stores.open(cli.storeUri(), true)) {
        forked =
            Stores.spool(store, "default")
                .fork(runId, fromStep, Optional.ofNullable(input))
                .orElseThrow(
                    () -> CliException.usage("no run " + runId + " in " + store.describe()))
                .run()
                .runId();
      } catch (InvalidInputException | IllegalArgumentException e) {
        throw CliException.usage(e.getMessage());
      }
    }
    cli.io().out().println("forked run " + runId + " from step " + fromStep + " as " + forked);
    return 0;
  }
}
