package dev.spool.cli;

import dev.spool.cli.internal.ApiCommand;
import dev.spool.cli.internal.CancelCommand;
import dev.spool.cli.internal.CliContext;
import dev.spool.cli.internal.CliException;
import dev.spool.cli.internal.DemoCommand;
import dev.spool.cli.internal.DeploymentsCommand;
import dev.spool.cli.internal.DevCommand;
import dev.spool.cli.internal.FakeLlmCommand;
import dev.spool.cli.internal.ForkCommand;
import dev.spool.cli.internal.Io;
import dev.spool.cli.internal.KeysCommand;
import dev.spool.cli.internal.ResumeCommand;
import dev.spool.cli.internal.RetryCommand;
import dev.spool.cli.internal.RunCommand;
import dev.spool.cli.internal.RunsCommand;
import dev.spool.cli.internal.SignalCommand;
import dev.spool.cli.internal.TailCommand;
import dev.spool.cli.internal.WorkerCommand;
import dev.spool.cli.internal.WorkflowsCommand;
import dev.spool.store.StoreException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code spool} command: run workflows durably, resume them after a crash, watch them. */
@Command(
    name = "spool",
    mixinStandardHelpOptions = true,
    versionProvider = SpoolCommand.Version.class,
    description = "Durable, resumable workflows: run them, resume them after a crash, watch them.",
    footer = {
      "",
      "Start with: spool demo",
      "Environment: SPOOL_STORE (default store URI), NO_COLOR, SPOOL_DEBUG=1 (stack traces)."
    },
    subcommands = {
      RunCommand.class,
      ResumeCommand.class,
      RunsCommand.class,
      TailCommand.class,
      DemoCommand.class,
      WorkflowsCommand.class,
      DevCommand.class,
      ApiCommand.class,
      WorkerCommand.class,
      KeysCommand.class,
      DeploymentsCommand.class,
      SignalCommand.class,
      CancelCommand.class,
      RetryCommand.class,
      ForkCommand.class,
      FakeLlmCommand.class,
      CommandLine.HelpCommand.class
    })
public final class SpoolCommand implements Callable<Integer>, CliContext {
  private final Io io;

  @Spec private CommandSpec spec;

  @Option(
      names = "--store",
      paramLabel = "URI",
      scope = ScopeType.INHERIT,
      description = {
        "Store URI: sqlite:PATH, redis://HOST:PORT[/DB], rediss://… (TLS) or",
        "redis-cluster://HOST:PORT,HOST:PORT (default: $SPOOL_STORE, else "
            + Io.DEFAULT_STORE
            + ")."
      })
  private String store;

  public SpoolCommand(Io io) {
    this.io = io;
  }

  public static void main(String[] args) {
    System.exit(newCommandLine(Io.system()).execute(args));
  }

  /** A command line writing to {@code io}'s streams; tests run it in-process. */
  public static CommandLine newCommandLine(Io io) {
    CommandLine cl = new CommandLine(new SpoolCommand(io));
    cl.setOut(writer(io.out()));
    cl.setErr(writer(io.err()));
    cl.setParameterExceptionHandler((ex, args) -> usageError(io, ex));
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> failure(io, ex));
    return cl;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CliException.USAGE;
  }

  @Override
  public Io io() {
    return io;
  }

  @Override
  public String storeUri() {
    return Optional.ofNullable(store).filter(s -> !s.isBlank()).orElseGet(io::defaultStore);
  }

  private static int usageError(Io io, ParameterException ex) {
    String command = ex.getCommandLine().getCommandSpec().qualifiedName();
    io.error(oneLine(ex.getMessage()) + " (see '" + command + " --help')");
    if (io.debug()) {
      ex.printStackTrace(io.err());
    }
    return CliException.USAGE;
  }

  private static int failure(Io io, Exception ex) {
    if (io.debug()) {
      ex.printStackTrace(io.err());
    }
    if (ex instanceof CliException c) {
      io.error(oneLine(c.getMessage()));
      return c.exitCode();
    }
    if (ex instanceof StoreException) {
      io.error("store error: " + oneLine(ex.getMessage()));
      return CliException.FAILED;
    }
    io.error(
        "unexpected error: "
            + ex.getClass().getName()
            + ": "
            + oneLine(ex.getMessage())
            + (io.debug() ? "" : " (set SPOOL_DEBUG=1 for the stack trace)"));
    return CliException.FAILED;
  }

  private static String oneLine(String s) {
    return s == null ? "(no message)" : s.strip().replace('\n', ' ');
  }

  private static PrintWriter writer(PrintStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }

  /** The version from the jar's manifest, or the build's version when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = SpoolCommand.class.getPackage().getImplementationVersion();
      return new String[] {"spool " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
