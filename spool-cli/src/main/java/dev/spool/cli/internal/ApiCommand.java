package dev.spool.cli.internal;

import dev.spool.Spool;
import dev.spool.server.SpoolServer;
import dev.spool.store.Store;
import dev.spool.worker.StopSignals;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code spool api}: the API plane alone. */
@Command(
    name = "api",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the HTTP API (start runs, status, event streams with resume, signals, cancel).",
      "It only reads and enqueues in the store; run 'spool worker' on the same store to execute.",
      "Requests need an API key (Authorization: Bearer …) made with 'spool keys create'."
    })
public final class ApiCommand implements Callable<Integer> {
  @ParentCommand private CliContext cli;

  @Mixin private ServerOptions server;

  @Option(names = "--no-auth", description = "Serve without API keys; only on a loopback address.")
  private boolean noAuth;

  @Override
  public Integer call() throws InterruptedException {
    Io io = cli.io();
    try (Store store = Stores.openWaiting(cli.storeUri(), io.err())) {
      Spool spool = Stores.spool(store, "default");
      StopSignals stop = StopSignals.install(io.err(), "stopping");
      try (SpoolServer s = server.start(spool, !noAuth)) {
        io.err().println("spool api on " + s.baseUri() + " (store " + store.describe() + ")");
        if (!noAuth && store.keys().apiKeys().stream().noneMatch(k -> k.active())) {
          io.err()
              .println(
                  "no API key exists yet; create one with: spool keys create --name NAME --store "
                      + cli.storeUri());
        }
        io.err().println("OpenAPI: " + s.baseUri() + "/v1/openapi.json");
        io.err()
            .println(
                "web UI: " + s.baseUri() + "/" + (noAuth ? "" : " (it asks for an API key once)"));
        stop.await();
        io.err().println("stopping: open streams end; clients resume elsewhere");
      }
      return 0;
    }
  }
}
