package dev.spool.cli.internal;

import dev.spool.RunStatus;
import dev.spool.Spool;
import dev.spool.Workflow;
import dev.spool.store.RunInfo;
import dev.spool.store.RunQuery;
import dev.spool.store.Store;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code spool resume}: executes unfinished runs here, from their last checkpoints. */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = {
      "Resume unfinished runs here, from their last checkpoints.",
      "With RUN, that run; without, every queued, running or waiting run, oldest first.",
      "A run whose process died is taken over at once; one held by a live process is skipped."
    })
public final class ResumeCommand implements Callable<Integer> {
  private static final List<RunStatus> UNFINISHED =
      List.of(RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.WAITING);

  @ParentCommand private CliContext cli;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "RUN",
      description = "Run id (default: every queued, running or waiting run).")
  private String runId;

  @Option(names = "--json", description = "Print each event as one JSON line, nothing else.")
  private boolean json;

  @Override
  public Integer call() {
    Io io = cli.io();
    try (Store store = Stores.open(cli.storeUri(), false)) {
      if (runId != null) {
        RunInfo run =
            store
                .getRun(runId)
                .orElseThrow(
                    () -> CliException.usage("no run " + runId + " in " + store.describe()));
        return resume(io, store, run, true);
      }
      List<RunInfo> runs = unfinished(store);
      if (runs.isEmpty()) {
        if (!json) {
          io.out().println("nothing to resume");
        }
        return 0;
      }
      int exit = 0;
      for (RunInfo run : runs) {
        exit = Math.max(exit, resume(io, store, run, false));
      }
      return exit;
    }
  }

  /** Oldest first, so runs finish in the order they were started. */
  private static List<RunInfo> unfinished(Store store) {
    List<RunInfo> runs = new ArrayList<>();
    for (RunStatus s : UNFINISHED) {
      runs.addAll(store.listRuns(RunQuery.latest(1000).withStatus(s)));
    }
    runs.sort(Comparator.comparing(RunInfo::createdAt).thenComparing(RunInfo::runId));
    return runs;
  }

  private int resume(Io io, Store store, RunInfo seen, boolean explicit) {
    // Re-read: an earlier run of this loop took time and another process may have moved on.
    RunInfo run = store.getRun(seen.runId()).orElse(seen);
    EventPrinter printer = EventPrinter.of(io, json);
    if (run.status().isTerminal()) {
      if (explicit) {
        printer.header(run);
        printer.note("already " + run.status().wireName() + "; nothing to resume");
        return Follow.exitCode(io, run);
      }
      return 0;
    }
    Spool spool = Stores.spool(store, run.deployment());
    Optional<String> refusal = refusal(spool, run);
    if (refusal.isPresent()) {
      io.error(refusal.get());
      return explicit ? CliException.FAILED : 0;
    }
    printer.header(run);
    if (run.status() == RunStatus.WAITING && run.resumeAt().isPresent()) {
      printer.note("waiting until " + run.resumeAt().get() + "; it goes on then");
    }
    return Follow.execute(io, spool, run.runId(), run.lastSeq(), printer);
  }

  /** Why this process must not take the run, if it must not. */
  private static Optional<String> refusal(Spool spool, RunInfo run) {
    Optional<Workflow<?, ?>> wf = spool.registry().find(run.workflow());
    if (wf.isEmpty()) {
      return Optional.of(
          "run "
              + run.runId()
              + " is a run of workflow '"
              + run.workflow()
              + "', which this spool does not know; not resuming");
    }
    if (!wf.get().versionId().equals(run.version())) {
      return Optional.of(
          "run "
              + run.runId()
              + " started on version "
              + run.version()
              + " of '"
              + run.workflow()
              + "' but this spool has version "
              + wf.get().versionId()
              + "; not resuming");
    }
    if (run.status() != RunStatus.RUNNING || run.leaseOwner().isEmpty()) {
      return Optional.empty();
    }
    String owner = run.leaseOwner().get();
    if (spool.canTakeOver(run)) {
      return Optional.empty(); // dead or silent past its lease: the worker takes it over
    }
    return Optional.of(
        "run "
            + run.runId()
            + " is running in another process (owner "
            + owner
            + "); not resuming");
  }
}
