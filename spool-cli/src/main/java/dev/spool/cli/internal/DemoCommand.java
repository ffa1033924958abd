package dev.spool.cli.internal;

import dev.spool.Spool;
import dev.spool.store.CreateResult;
import dev.spool.store.RunStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code spool demo}: a first run to watch, and what to try next. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run the built-in hello workflow, then show what to try next.")
public final class DemoCommand implements Callable<Integer> {
  static final String INPUT = "{\"name\":\"Ada\"}";

  @ParentCommand private CliContext cli;

  @Override
  public Integer call() {
    Io io = cli.io();
    try (RunStore store = Stores.open(cli.storeUri(), false)) {
      Spool spool = Stores.spool(store, "default");
      CreateResult created = spool.start("hello", INPUT);
      EventPrinter printer = EventPrinter.of(io, false);
      printer.header(created.run());
      int exit = Follow.execute(io, spool, created.run().runId(), 0, printer);
      if (exit == 0) {
        hints(io, created.run().runId());
      }
      return exit;
    }
  }

  private static void hints(Io io, String runId) {
    Style style = new Style(io.colour());
    io.out().println();
    io.out()
        .println(
            "next: "
                + style.bold("spool run steps --input '{\"steps\":20,\"stepMillis\":500}'")
                + "  then kill -9 it and "
                + style.bold("spool resume"));
    io.out().println("      " + style.bold("spool runs") + "  lists runs");
    io.out().println("      " + style.bold("spool tail " + runId) + "  replays this run's events");
    io.out().flush();
  }
}
