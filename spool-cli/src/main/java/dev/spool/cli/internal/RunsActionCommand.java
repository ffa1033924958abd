package dev.spool.cli.internal;

import dev.spool.BulkResult;
import dev.spool.RunFilter;
import dev.spool.Spool;
import dev.spool.client.SpoolClient;
import dev.spool.store.Store;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** A bulk action on runs by filter, locally or through a server: prints how many, then which. */
abstract class RunsActionCommand implements Callable<Integer> {
  @ParentCommand private RunsCommand runs;

  @Mixin private BulkOptions options;

  @Mixin private RemoteOptions remote;

  /** Past tense of the action, for the summary: "retried", "cancelled". */
  abstract String done();

  abstract BulkResult apply(Spool spool, RunFilter filter, String reason);

  abstract BulkResult apply(SpoolClient client, RunFilter filter, String reason);

  @Override
  public Integer call() {
    CliContext cli = runs.cli();
    RunFilter filter = options.filter(Instant.now());
    Optional<String> server = remote.server(cli.io());
    BulkResult r;
    if (server.isPresent()) {
      try (SpoolClient client = remote.client(cli.io(), server.get())) {
        r = RemoteOptions.call(() -> apply(client, filter, options.reason));
      }
    } else {
      try (Store store = Stores.open(cli.storeUri(), true)) {
        r = apply(Stores.spool(store, "default"), filter, options.reason);
      }
    }
    cli.io().out().println(done() + " " + r.count() + " of " + r.matched() + " matching runs");
    r.affected().forEach(cli.io().out()::println);
    return 0;
  }
}
