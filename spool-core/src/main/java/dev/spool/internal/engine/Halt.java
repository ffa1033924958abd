package dev.spool.internal.engine;

/**
 * The engine halting user code: thrown through a body when its execution or step attempt must stop
 * there, and caught by the engine. These extend {@link Error} so that a user's {@code catch
 * (Exception e)} cannot swallow them. (Not a user's signal: those are {@code ctx.awaitSignal}.)
 */
public abstract sealed class Halt extends Error
    permits Halt.Suspended, Halt.LeaseLost, Halt.Abandoned {

  private Halt(String message, Throwable cause) {
    super(message, cause, false, false);
  }

  /** The run released its worker (a long durable sleep); it resumes from checkpoints later. */
  public static final class Suspended extends Halt {
    Suspended(String message) {
      super(message, null);
    }
  }

  /** The run's lease moved to another worker (or the run ended); stop at once, write nothing. */
  public static final class LeaseLost extends Halt {
    LeaseLost(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The step attempt this code belongs to was given up (it timed out); stop at once. */
  public static final class Abandoned extends Halt {
    Abandoned(String message) {
      super(message, null);
    }
  }
}
