package dev.spool;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a running component or workflow can do: call other components (traced and checkpointed), fan
 * out, publish progress and output, sleep durably, and read deterministic time and randomness. It
 * is passed explicitly to every body; it is safe to use from the threads {@link #all} starts.
 *
 * <p>Every call is a step with a deterministic identity (parent path, component name, call index
 * under that parent). On resume, a step that finished before returns its checkpointed output
 * without running; so a body must make the same calls in the same order given the same results.
 *
 * <p>To change the steps of a workflow that has runs in flight, branch on {@link #patched}: runs
 * recorded before the change replay the old branch, new runs take the new one. See {@link Workflow}
 * for when to patch and when to bump the version instead.
 */
public interface Context {

  /** Runs a component as a child step and returns its output (or its checkpoint on replay). */
  <I, O> O call(Component<I, O> component, I input);

  /**
   * Same as {@link #call(Component, Object)} with an explicit step key instead of the call index,
   * for steps whose position may vary (for example, one per item of a changing list).
   */
  <I, O> O call(Component<I, O> component, I input, String key);

  /**
   * Runs {@code fn} for every item in parallel on virtual threads and returns the results in the
   * items' order. Each branch has its own deterministic step ids. Waits for every branch; if any
   * failed, throws the first (by item order) failure after all have ended.
   */
  <T, R> List<R> all(List<T> items, Function<T, R> fn);

  /** Publishes a progress event with any JSON-serializable payload (a map, a record). */
  void progress(Object data);

  /**
   * Appends a chunk (for example LLM tokens) to the named output stream of the run. If the step
   * attempt does not finish (its worker dies, it fails and is retried), what it appended is voided
   * by an {@code output.superseded} event and the next run of the step streams anew; {@link
   * OutputAssembler} assembles the text that stands. A step that starts its output over itself (the
   * LLM layer failing over mid-stream) writes {@code event("output.superseded", …)}.
   */
  void output(String stream, String chunk);

  /**
   * Sleeps durably: the wake time is recorded, so a crash or restart during the sleep does not
   * start it over. Long sleeps release the worker entirely until the wake time.
   */
  void sleep(Duration duration);

  /**
   * Appends a custom event to the run's stream at the current step, for libraries that trace what
   * they do (the LLM layer writes {@code llm.retry}, {@code llm.failover}, …). {@code type} must be
   * {@code namespace.name} in lower case and may not use the engine's namespaces ({@code run.},
   * {@code step.}, {@code signal.}, {@code worker.}, {@code patch.}); {@code data} is written as
   * JSON. Like progress, an event is not repeated when a run replays the step.
   */
  void event(String type, Object data);

  /**
   * Waits durably for the signal {@code name} (sent with {@code POST /v1/runs/{id}/signals/{name}}
   * or {@code Spool.signal}) and returns its value, or empty once {@code timeout} passed. A signal
   * sent before the wait, or while no worker was running, is kept and received here. A long wait
   * releases the worker until the signal arrives. Each call receives one signal; signals of one
   * name are received in the order they were sent.
   */
  <T> Optional<T> awaitSignal(String name, Class<T> type, Duration timeout);

  /** {@link #awaitSignal(String, Class, Duration)} with no timeout. */
  <T> T awaitSignal(String name, Class<T> type);

  /**
   * Tells the engine the current step is alive: it resets the step's idle timeout ({@link
   * Component#idleTimeout}). Cheap; call it as often as work progresses.
   */
  void heartbeat();

  /** Time that is recorded the first time and replayed after, so branches on it are stable. */
  Instant now();

  /** A uniformly distributed value in [0, 1), the same on every replay of this call. */
  double random();

  /**
   * Whether this run takes the new code of the change {@code changeId}, so a workflow can change
   * its steps without breaking the runs in flight:
   *
   * <pre>{@code
   * if (ctx.patched("add-review")) {
   *   ctx.call(REVIEW, draft);       // new runs, and runs that had not got this far
   * }                                // runs recorded past this point without it skip it
   * }</pre>
   *
   * <p>It is {@code false} where the run's recorded history already went past this point without
   * the patch (a step, sleep, signal wait or {@code now()} recorded later in the same scope, or
   * after the step or {@code all} this point is in), and {@code true} at the frontier of the run.
   * Sibling branches of {@link #all} do not count for each other: each follows its own history. The
   * first answer is recorded as the run's decision (a {@code patch.decided} event), and every later
   * call with the same id, in this execution or a replay on any worker, answers the same (a branch
   * whose own history passed the point still answers {@code false}).
   *
   * <p>The call takes no step index, so when no unfinished run can take the old branch any more
   * ({@code GET /v1/workflows} and {@code spool workflows} say when), a later release deletes the
   * call and the old branch together. Use one id per change; the same id may guard that change at
   * several places.
   *
   * @param changeId 1-100 letters, digits, '_', '.' or '-'
   * @throws IllegalArgumentException for a blank or malformed id
   * @throws NonDeterminismException when the run decided {@code true} but had gone past this place
   *     without asking: the id now names a different change than when the run recorded it
   */
  boolean patched(String changeId);

  /** The id of the run. */
  String runId();

  /** The path of the current step, for example {@code blog/outline#0}. */
  String path();

  /** The attempt of the current step, from 1. */
  int attempt();

  /** Whether the run was asked to stop. */
  boolean isCancelled();

  /** Throws {@link RunCancelledException} if the run was asked to stop. */
  void checkCancelled();
}
