package dev.spool.cli.internal;

import dev.spool.Workflow;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code spool workflows}: the workflows this command can run and, when the store exists, the
 * patches their runs decided with the unfinished runs that still need each one's old branch.
 */
@Command(
    name = "workflows",
    mixinStandardHelpOptions = true,
    description = {
      "List the registered workflows with their versions, and the ctx.patched ids their runs"
          + " decided: how many unfinished runs take or may take each one's old branch (at 0 it"
          + " can go)."
    })
public final class WorkflowsCommand implements Callable<Integer> {
  @ParentCommand private CliContext cli;

  @Override
  public Integer call() {
    Io io = cli.io();
    Style style = new Style(io.colour());
    var all = Stores.registry().all();
    int name = "WORKFLOW".length();
    int version = "VERSION".length();
    for (Workflow<?, ?> w : all) {
      name = Math.max(name, w.name().length());
      version = Math.max(version, w.versionId().length() + 1);
    }
    io.out()
        .println(
            style.bold(
                Text.pad("WORKFLOW", name + 2) + Text.pad("VERSION", version + 2) + "DESCRIPTION"));
    for (Workflow<?, ?> w : all) {
      io.out()
          .println(
              (Text.pad(w.name(), name + 2)
                      + Text.pad("v" + w.versionId(), version + 2)
                      + w.describe())
                  .stripTrailing());
    }
    Patches.print(io, style, cli.storeUri(), all);
    io.out().flush();
    return 0;
  }
}
