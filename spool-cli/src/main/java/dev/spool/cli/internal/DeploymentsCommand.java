package dev.spool.cli.internal;

import dev.spool.store.DeploymentInfo;
import dev.spool.store.RunRules;
import dev.spool.store.Store;
import dev.spool.store.WorkerBeat;
import dev.spool.store.WorkflowVersion;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code spool deployments}: blue-green deployments and their workers. */
@Command(
    name = "deployments",
    mixinStandardHelpOptions = true,
    description = {
      "List deployments with their state, live workers and runs in flight.",
      "Until a deployment is promoted, runs are pinned to none and any worker that has their",
      "workflow version takes them. Once one is, new runs are pinned to the active deployment; a",
      "retired one finishes its own runs, and its workers stop by themselves once it holds none",
      "(it is drained)."
    },
    subcommands = {DeploymentsCommand.Promote.class, DeploymentsCommand.Move.class})
public final class DeploymentsCommand implements Callable<Integer> {
  /** A worker silent this long is not counted as live. */
  static final Duration LIVE = Duration.ofSeconds(30);

  @ParentCommand CliContext cli;

  @Override
  public Integer call() {
    try (Store store = Stores.open(cli.storeUri(), true)) {
      List<DeploymentInfo> deployments = store.fleet().deployments();
      List<WorkerBeat> workers = store.fleet().workers(Instant.now().minus(LIVE));
      PrintStream out = cli.io().out();
      out.printf(
          "%-16s %-8s %-8s %-14s %s%n", "DEPLOYMENT", "STATE", "WORKERS", "RUNS IN FLIGHT", "");
      for (DeploymentInfo d : deployments) {
        long live = workers.stream().filter(w -> w.deployment().equals(d.id())).count();
        String note =
            d.drained()
                ? "drained"
                : live == 0 && d.runsInFlight() > 0 ? "runs wait: no live worker" : "";
        boolean unpinned = d.id().equals(RunRules.UNPINNED);
        if (unpinned) {
          live = workers.size();
          note = "started before any promotion: any worker with their version takes them";
        }
        out.printf(
            "%-16s %-8s %-8d %-14d %s%n",
            unpinned ? "(unpinned)" : d.id(), d.state().wireName(), live, d.runsInFlight(), note);
      }
      for (WorkerBeat w : workers) {
        if (deployments.stream().noneMatch(d -> d.id().equals(w.deployment()))) {
          out.printf("%-16s %-8s %-8d %-14d %s%n", w.deployment(), "new", 1, 0, "");
        }
      }
      if (!workers.isEmpty()) {
        out.println();
        out.printf(
            "%-28s %-16s %-8s %-9s %s%n", "WORKER", "DEPLOYMENT", "RUNS", "STATE", "WORKFLOWS");
        for (WorkerBeat w : workers) {
          out.printf(
              "%-28s %-16s %-8d %-9s %s%n",
              w.workerId(),
              w.deployment(),
              w.activeRuns(),
              w.draining() ? "draining" : "running",
              String.join(", ", w.workflows().stream().map(WorkflowVersion::toString).toList()));
        }
      }
      return 0;
    }
  }

  /** {@code spool deployments promote ID}. */
  @Command(
      name = "promote",
      mixinStandardHelpOptions = true,
      description = "Make ID the active deployment: new runs go to it; the active one is retired.")
  static final class Promote implements Callable<Integer> {
    @ParentCommand DeploymentsCommand parent;

    @Parameters(index = "0", paramLabel = "ID", description = "Deployment id.")
    String id;

    @Override
    public Integer call() {
      if (id.isBlank() || id.length() > 100) {
        throw CliException.usage("a deployment id must be 1 to 100 characters");
      }
      try (Store store = Stores.open(parent.cli.storeUri(), true)) {
        java.util.Optional<String> before = store.fleet().activeDeployment();
        store.fleet().promote(id, Instant.now());
        long live =
            store.fleet().workers(Instant.now().minus(LIVE)).stream()
                .filter(w -> w.deployment().equals(id))
                .count();
        parent
            .cli
            .io()
            .out()
            .println(
                "deployment "
                    + id
                    + " is active"
                    + before
                        .filter(b -> !b.equals(id))
                        .map(b -> "; " + b + " is retired")
                        .orElse("")
                    + (live == 0
                        ? " (no live worker of " + id + " yet: its runs wait for one)"
                        : ""));
        return 0;
      }
    }
  }

  /** {@code spool deployments move FROM TO}. */
  @Command(
      name = "move",
      mixinStandardHelpOptions = true,
      description = {
        "Move the queued runs pinned to FROM that no worker has started yet to TO (\"\" unpins",
        "them: any worker takes them). Runs some code has started stay with that code."
      })
  static final class Move implements Callable<Integer> {
    @ParentCommand DeploymentsCommand parent;

    @Parameters(index = "0", paramLabel = "FROM", description = "Deployment the runs are on.")
    String from;

    @Parameters(index = "1", paramLabel = "TO", description = "Deployment to move them to.")
    String to;

    @Override
    public Integer call() {
      if (from.length() > 100 || to.length() > 100) {
        throw CliException.usage("a deployment id is at most 100 characters");
      }
      if (from.equals(to)) {
        throw CliException.usage("FROM and TO are the same deployment");
      }
      try (Store store = Stores.open(parent.cli.storeUri(), true)) {
        int moved = store.fleet().moveQueued(from, to);
        parent
            .cli
            .io()
            .out()
            .printf("moved %d queued run(s) from %s to %s%n", moved, label(from), label(to));
        return 0;
      }
    }

    private static String label(String deployment) {
      return deployment.isEmpty() ? "(unpinned)" : deployment;
    }
  }
}
