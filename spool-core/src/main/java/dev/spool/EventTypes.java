package dev.spool;

/** The event types the engine writes. Other layers (the LLM layer) add their own {@code llm.*}. */
public final class EventTypes {
  public static final String RUN_QUEUED = "run.queued";
  public static final String RUN_STARTED = "run.started";
  public static final String RUN_RESUMED = "run.resumed";
  public static final String RUN_WAITING = "run.waiting";
  public static final String RUN_COMPLETED = "run.completed";
  public static final String RUN_FAILED = "run.failed";
  public static final String RUN_CANCELLED = "run.cancelled";
  public static final String STEP_STARTED = "step.started";
  public static final String STEP_COMPLETED = "step.completed";
  public static final String STEP_FAILED = "step.failed";
  public static final String STEP_RETRYING = "step.retrying";
  public static final String STEP_FALLBACK = "step.fallback";
  public static final String PROGRESS = "progress";
  public static final String OUTPUT = "output";

  /**
   * Voids the output written so far at its path and attempt: that step attempt did not finish (its
   * worker died, it failed or is retried, or the step itself started over, as the LLM layer does
   * when it fails over mid-stream). A client drops every earlier {@code output} event with the same
   * path and attempt; what is left, in order, is the output that stands. Data: {@code
   * {"reason":"resumed"|"retried"|"failed"|…, "chunks":n}}.
   */
  public static final String OUTPUT_SUPERSEDED = "output.superseded";

  /**
   * A run's first {@code ctx.patched(id)} decided which side of the change it takes, once for the
   * run. Data: {@code {"patch":id, "patched":true|false, "reason":"new"|"recorded before the
   * patch"}}.
   */
  public static final String PATCH_DECIDED = "patch.decided";

  public static final String SIGNAL_RECEIVED = "signal.received";
  public static final String WORKER_LOST = "worker.lost";
  public static final String RUN_HANDOFF = "run.handoff";
  public static final String RUN_CANCEL_REQUESTED = "run.cancel_requested";

  /**
   * A failed or cancelled run was set going again from its checkpoints: its stream grows past the
   * terminal event before it. Data: {@code {"previousStatus":…,"previousAttempt":n,"error":…}}.
   */
  public static final String RUN_RETRIED = "run.retried";

  /**
   * The second event of a run forked from another: {@code
   * {"sourceRunId":…,"fromStep":…,"checkpoints":n}}, the checkpoints it was seeded with.
   */
  public static final String RUN_FORKED = "run.forked";

  private EventTypes() {}

  /**
   * True for the events that end a run's execution. The stream grows past one only when the run is
   * retried ({@link #RUN_RETRIED} follows it), so a follower that reads on after a terminal event
   * checks first whether the run has events after it.
   */
  public static boolean isTerminal(String type) {
    return RUN_COMPLETED.equals(type) || RUN_FAILED.equals(type) || RUN_CANCELLED.equals(type);
  }
}
