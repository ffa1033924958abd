package dev.spool.cli.internal;

import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a command writes and what it sees of its environment, so tests can run commands in-process
 * with captured streams and their own environment.
 *
 * @param out results: events, tables, the run's result
 * @param err diagnostics and error lines, each prefixed {@code spool: }
 * @param env the environment variables the CLI reads ({@code SPOOL_STORE}, {@code SPOOL_DEBUG})
 * @param colour whether to colour human output with ANSI escapes
 */
public record Io(PrintStream out, PrintStream err, Map<String, String> env, boolean colour) {
  public static final String DEFAULT_STORE = "sqlite:.spool/spool.db";

  public Io {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    env = Map.copyOf(env);
  }

  /** The process's own streams (UTF-8, whatever the locale says) and environment. */
  public static Io system() {
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    Map<String, String> env = System.getenv();
    return new Io(out, err, env, isTerminal() && !env.containsKey("NO_COLOR"));
  }

  public Optional<String> env(String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
  }

  /** The store URI used when {@code --store} is not given: {@code $SPOOL_STORE} or the default. */
  public String defaultStore() {
    return env("SPOOL_STORE").orElse(DEFAULT_STORE);
  }

  public boolean debug() {
    return env("SPOOL_DEBUG").filter(v -> !v.equals("0")).isPresent();
  }

  /** Prints one diagnostic line on stderr. */
  public void error(String message) {
    err.println("spool: " + message);
    err.flush();
  }

  private static boolean isTerminal() {
    Console c = System.console();
    if (c == null) {
      return false;
    }
    // From JDK 22 System.console() exists even when redirected; isTerminal() tells the truth.
    try {
      Method m = Console.class.getMethod("isTerminal");
      return (Boolean) m.invoke(c);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
