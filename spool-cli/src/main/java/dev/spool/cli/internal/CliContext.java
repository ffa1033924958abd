package dev.spool.cli.internal;

/** What every subcommand gets from the top-level command: its streams and the chosen store. */
public interface CliContext {
  Io io();

  /** The {@code --store} URI, else {@code $SPOOL_STORE}, else {@value Io#DEFAULT_STORE}. */
  String storeUri();
}
