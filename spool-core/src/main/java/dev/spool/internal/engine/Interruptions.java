package dev.spool.internal.engine;

import dev.spool.RunCancelledException;
import dev.spool.SpoolClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What may cut one execution short: a cancel request (the run ends cancelled at its next step
 * boundary or wait) or a stop (the execution is given up and writes nothing more). Code under
 * {@code ctx} checks it at every step boundary and wait. It also knows the execution's main thread
 * and running branches, since only the main thread with no branch running may suspend the run.
 */
final class Interruptions {
  private final String runId;
  private final SpoolClock clock;
  private final AtomicInteger branches = new AtomicInteger();
  private volatile boolean cancelRequested;
  private volatile boolean stopped;
  private volatile Thread mainThread;

  Interruptions(String runId, SpoolClock clock) {
    this.runId = runId;
    this.clock = clock;
  }

  /** The calling thread runs the workflow body until {@link #mainEnded}. */
  void mainStarted() {
    mainThread = Thread.currentThread();
  }

  void mainEnded() {
    mainThread = null;
  }

  /** Asks the run to stop at its next step boundary or wait. */
  void cancel() {
    cancelRequested = true;
    interruptMain();
  }

  /** Marks the execution stopped; {@link #interruptMain} then ends what it is waiting for. */
  void stop() {
    stopped = true;
  }

  void interruptMain() {
    Thread t = mainThread;
    if (t != null) {
      t.interrupt();
    }
  }

  boolean isCancelled() {
    return cancelRequested;
  }

  boolean isStopped() {
    return stopped;
  }

  /**
   * Turns a failure seen while this execution is being stopped or cancelled into what it really is,
   * so an interrupted body is not recorded as a failed step.
   */
  void checkInterruption() {
    if (stopped) {
      throw new Halt.Abandoned("execution of run " + runId + " was stopped");
    }
    if (cancelRequested) {
      throw new RunCancelledException(runId);
    }
  }

  void checkCancelledAt(Scope scope) {
    scope.checkLive();
    if (cancelRequested) {
      throw new RunCancelledException(runId);
    }
  }

  /** Waits on the engine clock; cancellation and abandonment end the wait early. */
  void pause(Duration d) {
    try {
      clock.sleep(d);
    } catch (InterruptedException e) {
      interrupted();
    }
  }

  /** A wait was interrupted: by a cancel request, or because this execution is being stopped. */
  void interrupted() {
    if (cancelRequested) {
      throw new RunCancelledException(runId);
    }
    Thread.currentThread().interrupt();
    throw new Halt.Abandoned("interrupted while waiting in run " + runId);
  }

  void branchesStarted(int n) {
    branches.addAndGet(n);
  }

  void branchesEnded(int n) {
    branches.addAndGet(-n);
  }

  /** A run may release its worker only from its main thread with no branch running. */
  boolean canSuspend() {
    return branches.get() == 0 && Thread.currentThread() == mainThread;
  }
}
