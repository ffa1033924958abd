package dev.spool.cli.internal;

import dev.spool.Event;
import dev.spool.store.RunInfo;

/** Shows a run's events as they arrive: lines for people, or one JSON object per line. */
interface EventPrinter {
  /** Introduces a run before its events (a header line for people; nothing in JSON mode). */
  void header(String runId, String workflow, String version);

  default void header(RunInfo run) {
    header(run.runId(), run.workflow(), run.version());
  }

  /** A one-line note about the run, for people only (JSON mode keeps stdout to events). */
  void note(String text);

  void accept(Event event);

  /** Ends any open line; called after the last event and on interruption. */
  void finish();

  static EventPrinter of(Io io, boolean json) {
    return json ? new JsonEventPrinter(io) : new HumanEventPrinter(io);
  }
}
