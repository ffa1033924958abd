package dev.spool.cli.internal;

import dev.spool.Spool;
import dev.spool.server.SpoolServer;
import dev.spool.store.Store;
import dev.spool.worker.WorkerProcess;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code spool dev}: both planes in one process, for local work. */
@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description = {
      "Run the API and a worker in this one process on the embedded store, without API keys,",
      "on loopback. Same code paths as 'spool api' plus 'spool worker'. Ctrl-C drains and stops."
    })
public final class DevCommand implements Callable<Integer> {
  @ParentCommand private CliContext cli;

  @Mixin private ServerOptions server;

  @Mixin private WorkerCommand.WorkerOptions worker;

  @Override
  public Integer call() throws InterruptedException {
    Io io = cli.io();
    try (Store store = Stores.open(cli.storeUri(), false)) {
      Spool spool = worker.spool(store);
      try (SpoolServer s = server.start(spool, false)) {
        io.err()
            .println(
                "spool dev: API on " + s.baseUri() + " (no API keys), store " + store.describe());
        io.err().println("web UI: " + s.baseUri() + "/");
        io.err()
            .println(
                "try: spool run hello --input '{\"name\":\"Ada\"}' --server "
                    + s.baseUri()
                    + "   or: curl -s -H 'Content-Type: application/json' "
                    + s.baseUri()
                    + "/v1/workflows/hello/runs -d '{\"name\":\"Ada\"}'");
        WorkerProcess.builder(spool)
            .concurrency(worker.concurrency)
            .drainTimeout(worker.drainTimeout)
            .log(io.err())
            .build()
            .run();
      }
      return 0;
    }
  }
}
