package dev.spool.cli.internal;

import dev.spool.Workflow;
import dev.spool.WorkflowRegistry;
import dev.spool.store.Store;
import dev.spool.store.WorkflowVersion;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code spool workflows}: the workflows this command can run, every version with its runs in
 * flight, and, when the store exists, the patches their runs decided with the unfinished runs that
 * still need each one's old branch.
 */
@Command(
    name = "workflows",
    mixinStandardHelpOptions = true,
    description = {
      "List the registered workflows, every version, with the runs in flight on each (from the",
      "store, when it exists). A version with runs in flight that is not registered here is listed",
      "too: keep its code deployed until its runs end. Then the ctx.patched ids their runs",
      "decided: how many unfinished runs take or may take each one's old branch (at 0 it can go)."
    })
public final class WorkflowsCommand implements Callable<Integer> {
  @ParentCommand private CliContext cli;

  @Override
  public Integer call() {
    Io io = cli.io();
    Style style = new Style(io.colour());
    WorkflowRegistry registry = Stores.registry();
    Optional<Map<WorkflowVersion, Long>> inFlight = inFlight();
    Map<WorkflowVersion, Workflow<?, ?>> rows = new TreeMap<>();
    for (Workflow<?, ?> newest : registry.all()) {
      for (Workflow<?, ?> w : registry.versions(newest.name())) {
        rows.put(new WorkflowVersion(w.name(), w.versionId()), w);
      }
    }
    inFlight.ifPresent(m -> m.keySet().forEach(v -> rows.putIfAbsent(v, null)));
    int name = "WORKFLOW".length();
    int version = "VERSION".length();
    for (WorkflowVersion v : rows.keySet()) {
      name = Math.max(name, v.name().length());
      version = Math.max(version, v.version().length() + 1);
    }
    io.out()
        .println(
            style.bold(
                Text.pad("WORKFLOW", name + 2)
                    + Text.pad("VERSION", version + 2)
                    + Text.pad("IN FLIGHT", 11)
                    + "DESCRIPTION"));
    int nameWidth = name;
    int versionWidth = version;
    rows.forEach(
        (v, w) -> {
          String count = inFlight.map(m -> Long.toString(m.getOrDefault(v, 0L))).orElse("-");
          String what =
              w == null
                  ? "not registered here: its runs need a worker that has this version"
                  : w.describe();
          io.out()
              .println(
                  (Text.pad(v.name(), nameWidth + 2)
                          + Text.pad("v" + v.version(), versionWidth + 2)
                          + Text.pad(count, 11)
                          + what)
                      .stripTrailing());
        });
    Patches.print(io, style, cli.storeUri(), registry.all());
    io.out().flush();
    return 0;
  }

  /** Runs in flight by version, when the store exists (listing must not create one). */
  private Optional<Map<WorkflowVersion, Long>> inFlight() {
    try (Store store = Stores.open(cli.storeUri(), true)) {
      return Optional.of(store.fleet().inFlightByVersion());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
