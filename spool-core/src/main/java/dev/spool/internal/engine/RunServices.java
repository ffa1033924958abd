package dev.spool.internal.engine;

import dev.spool.SpoolClock;
import dev.spool.store.NewEvent;
import java.time.Duration;

/**
 * What the code under {@code ctx} (steps, timers, signal waits, fan-outs and the context itself)
 * uses of the execution it runs in, and no more. {@link RunExecution} builds one per execution.
 *
 * @param runId the run's id, for messages and deterministic random numbers
 * @param writer every write of the run
 * @param events progress, custom events and output, written once across executions
 * @param replay what earlier executions checkpointed
 * @param patches the run's {@code ctx.patched} answers
 * @param clock the engine's time
 * @param suspendAfter a wait longer than this releases the worker
 * @param hook called before every step attempt
 * @param idleTimers the idle timers of step attempts
 * @param signals the signals the run received and no wait took yet
 * @param interruptions cancel requests and stops, and whether a wait may suspend the run
 */
record RunServices(
    String runId,
    RunWriter writer,
    RunEvents events,
    Replay replay,
    Patches patches,
    SpoolClock clock,
    Duration suspendAfter,
    AttemptHook hook,
    IdleTimers idleTimers,
    SignalInbox signals,
    Interruptions interruptions) {

  NewEvent event(String type, String path, int attempt, String data) {
    return events.event(type, path, attempt, data);
  }
}
