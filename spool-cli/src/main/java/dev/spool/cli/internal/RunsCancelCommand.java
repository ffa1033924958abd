package dev.spool.cli.internal;

import dev.spool.BulkResult;
import dev.spool.RunFilter;
import dev.spool.Spool;
import dev.spool.client.SpoolClient;
import picocli.CommandLine.Command;

/** {@code spool runs cancel}: asks every unfinished run a filter matches to stop. */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = "Cancel the unfinished runs that match, newest first.")
public final class RunsCancelCommand extends RunsActionCommand {
  @Override
  String done() {
    return "cancelled";
  }

  @Override
  BulkResult apply(Spool spool, RunFilter filter, String reason) {
    return spool.cancelAll(filter, reason);
  }

  @Override
  BulkResult apply(SpoolClient client, RunFilter filter, String reason) {
    return client.cancelAll(filter, reason);
  }
}
