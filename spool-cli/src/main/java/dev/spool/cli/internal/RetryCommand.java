package dev.spool.cli.internal;

import dev.spool.client.SpoolClient;
import dev.spool.client.SpoolClientException;
import dev.spool.store.RetryResult;
import dev.spool.store.RunRules;
import dev.spool.store.Store;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code spool retry}: sets a failed or cancelled run going again from its checkpoints. */
@Command(
    name = "retry",
    mixinStandardHelpOptions = true,
    description = {
      "Retry a failed or cancelled run from its checkpoints: same run id, a new attempt; completed",
      "steps are not run again, the steps that failed are. A worker picks it up. Exit 1 if the",
      "run is in no state for it (still going, or completed: fork it instead)."
    })
public final class RetryCommand implements Callable<Integer> {
  @ParentCommand private CliContext cli;

  @Parameters(index = "0", paramLabel = "RUN", description = "Run id.")
  private String runId;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why; kept in the run's stream.")
  private String reason = "";

  @Mixin private RemoteOptions remote;

  @Override
  public Integer call() {
    Optional<String> server = remote.server(cli.io());
    if (server.isPresent()) {
      try (SpoolClient client = remote.client(cli.io(), server.get())) {
        client.retry(runId, reason);
      } catch (SpoolClientException e) {
        if (e.status().orElse(0) == 409) {
          throw new CliException(CliException.FAILED, e.getMessage(), e); // as without --server
        }
        throw RemoteOptions.failure(e);
      }
    } else {
      try (Store store = Stores.open(cli.storeUri(), true)) {
        RetryResult r =
            Stores.spool(store, "default")
                .retry(runId, reason)
                .orElseThrow(
                    () -> CliException.usage("no run " + runId + " in " + store.describe()));
        if (!r.retried()) {
          throw new CliException(CliException.FAILED, RunRules.retryRefusal(r.run()));
        }
      }
    }
    cli.io().out().println("retried run " + runId + ": queued again from its checkpoints");
    return 0;
  }
}
