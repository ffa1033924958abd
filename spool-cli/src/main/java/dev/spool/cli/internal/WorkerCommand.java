package dev.spool.cli.internal;

import dev.spool.Spool;
import dev.spool.store.Store;
import dev.spool.worker.WorkerProcess;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code spool worker}: the compute plane as a long-running process. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Run a worker: claim queued runs of a deployment and execute them, heartbeating their",
      "leases and resuming runs whose worker was lost. SIGTERM (or Ctrl-C) drains: no new",
      "claims, running work gets until --drain-timeout, the rest is handed to other workers."
    })
public final class WorkerCommand implements Callable<Integer> {
  @ParentCommand private CliContext cli;

  @Mixin private WorkerOptions options;

  @Override
  public Integer call() throws InterruptedException {
    try (Store store = Stores.openWaiting(cli.storeUri(), cli.io().err())) {
      Spool spool = options.spool(store);
      WorkerProcess.builder(spool)
          .concurrency(options.concurrency)
          .drainTimeout(options.drainTimeout)
          .log(cli.io().err())
          .build()
          .run();
      return 0;
    }
  }

  /** The worker settings {@code spool worker} and {@code spool dev} share. */
  public static final class WorkerOptions {
    @Option(
        names = "--deployment",
        paramLabel = "ID",
        defaultValue = "default",
        description =
            "Deployment this worker belongs to; it claims its runs and runs pinned to none"
                + " (default: ${DEFAULT-VALUE}).")
    String deployment;

    @Option(
        names = "--concurrency",
        paramLabel = "N",
        defaultValue = "16",
        description = "Runs executed at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
        names = "--drain-timeout",
        paramLabel = "DURATION",
        defaultValue = "30s",
        converter = DurationConverter.class,
        description =
            "After SIGTERM, how long running work may finish before hand-off (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Option(
        names = "--lease-ttl",
        paramLabel = "DURATION",
        defaultValue = "15s",
        converter = DurationConverter.class,
        description = {
          "How long a run's lease lasts without a heartbeat; heartbeats go out at a third of it.",
          "A dead worker's runs resume elsewhere about this long after it died (default: ${DEFAULT-VALUE})."
        })
    Duration leaseTtl;

    @Option(
        names = "--max-recoveries",
        paramLabel = "N",
        defaultValue = "5",
        description =
            "Lost workers a run survives before it is failed (default: ${DEFAULT-VALUE}).")
    int maxRecoveries;

    Spool spool(Store store) {
      if (concurrency < 1 || concurrency > 100_000) {
        throw CliException.usage("--concurrency must be 1..100000, got " + concurrency);
      }
      if (leaseTtl.compareTo(Duration.ofMillis(300)) < 0) {
        throw CliException.usage(
            "--lease-ttl must be at least 300ms, got " + leaseTtl.toMillis() + "ms");
      }
      if (maxRecoveries < 0) {
        throw CliException.usage("--max-recoveries must be >= 0");
      }
      return Stores.builder(store, deployment)
          .leaseTtl(leaseTtl)
          .maxRecoveries(maxRecoveries)
          .build();
    }
  }
}
