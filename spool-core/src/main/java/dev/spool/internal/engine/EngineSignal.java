package dev.spool.internal.engine;

/**
 * The engine's control flow through user code. These extend {@link Error} so that a user's {@code
 * catch (Exception e)} cannot swallow them.
 */
public abstract sealed class EngineSignal extends Error
    permits EngineSignal.Suspended, EngineSignal.LeaseLost, EngineSignal.Abandoned {

  private EngineSignal(String message, Throwable cause) {
    super(message, cause, false, false);
  }

  /** The run released its worker (a long durable sleep); it resumes from checkpoints later. */
  public static final class Suspended extends EngineSignal {
    Suspended(String message) {
      super(message, null);
    }
  }

  /** The run's lease moved to another worker (or the run ended); stop at once, write nothing. */
  public static final class LeaseLost extends EngineSignal {
    LeaseLost(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The step attempt this code belongs to was given up (it timed out); stop at once. */
  public static final class Abandoned extends EngineSignal {
    Abandoned(String message) {
      super(message, null);
    }
  }
}
