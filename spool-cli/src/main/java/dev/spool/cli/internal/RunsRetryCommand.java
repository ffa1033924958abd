package dev.spool.cli.internal;

import dev.spool.BulkResult;
import dev.spool.RunFilter;
import dev.spool.Spool;
import dev.spool.client.SpoolClient;
import picocli.CommandLine.Command;

/** {@code spool runs retry}: retries every failed or cancelled run a filter matches. */
@Command(
    name = "retry",
    mixinStandardHelpOptions = true,
    description = {
      "Retry, from their checkpoints, the failed or cancelled runs that match, newest first;",
      "for example every failed run of a workflow since a time."
    })
public final class RunsRetryCommand extends RunsActionCommand {
  @Override
  String done() {
    return "retried";
  }

  @Override
  BulkResult apply(Spool spool, RunFilter filter, String reason) {
    return spool.retryAll(filter, reason);
  }

  @Override
  BulkResult apply(SpoolClient client, RunFilter filter, String reason) {
    return client.retryAll(filter, reason);
  }
}
