package dev.spool.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Spool;
import dev.spool.store.RunInfo;
import dev.spool.worker.Worker;
import java.util.Optional;

/** Follows a run's events to its end, optionally executing it in this process meanwhile. */
final class Follow {
  private Follow() {}

  /**
   * Executes a run on a worker limited to it while printing its events after {@code afterSeq}.
   * Ctrl-C stops the worker and exits; the run stays resumable.
   *
   * @return the exit code: 0 when the run completed, 1 when it failed or was cancelled
   */
  static int execute(Io io, Spool spool, String runId, long afterSeq, EventPrinter printer) {
    try (Worker worker = Worker.start(spool, 1, Optional.of(runId))) {
      return follow(io, spool, runId, afterSeq, printer, Optional.of(worker));
    }
  }

  /** Prints a run's events after {@code afterSeq} until its end, without executing it. */
  static int watch(Io io, Spool spool, String runId, long afterSeq, EventPrinter printer) {
    return follow(io, spool, runId, afterSeq, printer, Optional.empty());
  }

  private static int follow(
      Io io,
      Spool spool,
      String runId,
      long afterSeq,
      EventPrinter printer,
      Optional<Worker> worker) {
    Interrupt interrupt = new Interrupt(io, printer, runId, worker);
    interrupt.install();
    try {
      Event last =
          spool.follow(
              runId,
              afterSeq,
              e -> {
                if (!interrupt.happened()) {
                  printer.accept(e);
                }
              });
      printer.finish();
      return exitCode(io, runId, last.type(), Text.data(last.data()).path("error"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(CliException.FAILED, "interrupted");
    } finally {
      interrupt.uninstall();
    }
  }

  /** The exit code for a run that already ended, saying why on stderr when it did not complete. */
  static int exitCode(Io io, RunInfo run) {
    String type =
        switch (run.status()) {
          case COMPLETED -> EventTypes.RUN_COMPLETED;
          case CANCELLED -> EventTypes.RUN_CANCELLED;
          default -> EventTypes.RUN_FAILED;
        };
    return exitCode(io, run.runId(), type, Text.data(run.error().orElse("{}")));
  }

  private static int exitCode(Io io, String runId, String terminalType, JsonNode error) {
    if (terminalType.equals(EventTypes.RUN_COMPLETED)) {
      return 0;
    }
    String verb = terminalType.equals(EventTypes.RUN_CANCELLED) ? "cancelled" : "failed";
    io.error("run " + runId + " " + verb + ": " + Text.firstLine(HumanEventPrinter.error(error)));
    return CliException.FAILED;
  }

  /**
   * Handles Ctrl-C (SIGINT, through a shutdown hook): stop printing, stop the worker, say how to go
   * on.
   */
  private static final class Interrupt {
    private final Io io;
    private final EventPrinter printer;
    private final String runId;
    private final Optional<Worker> worker;
    private final Thread hook;
    private volatile boolean happened;

    Interrupt(Io io, EventPrinter printer, String runId, Optional<Worker> worker) {
      this.io = io;
      this.printer = printer;
      this.runId = runId;
      this.worker = worker;
      this.hook = new Thread(this::onShutdown, "spool-interrupt");
    }

    boolean happened() {
      return happened;
    }

    void install() {
      try {
        Runtime.getRuntime().addShutdownHook(hook);
      } catch (IllegalStateException e) {
        // already shutting down: nothing to hook
      }
    }

    void uninstall() {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down: the hook runs or ran
      }
    }

    private void onShutdown() {
      happened = true;
      // Stop the run here so it writes nothing more; its lease names this (now dying) process,
      // so the next `spool resume` takes it over at once.
      worker.ifPresent(Worker::close);
      printer.finish();
      if (worker.isPresent()) {
        io.error("interrupted; resume with: spool resume " + runId);
      }
    }
  }
}
