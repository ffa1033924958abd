package dev.spool.internal.engine;

import dev.spool.Component;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.NonDeterminismException;
import dev.spool.RunCancelledException;
import dev.spool.StepFailedException;
import dev.spool.StepTimeoutException;
import dev.spool.internal.Payload;
import dev.spool.store.Checkpoint;
import dev.spool.store.Checkpoint.Kind;
import dev.spool.store.Commit;
import dev.spool.store.NewEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/** Executes one {@code ctx.call}: replay, attempts with retry and timeout, fallback, checkpoint. */
final class StepRunner {
  private StepRunner() {}

  static <I, O> O call(Scope parent, Component<I, O> c, I input, String key) {
    RunServices run = parent.run();
    run.interruptions().checkCancelledAt(parent);
    String segment;
    if (key == null) {
      int index = parent.calls().getAndIncrement();
      run.replay().checkSlot(parent.path(), index, c.name());
      segment = c.name() + "#" + index;
    } else {
      segment = c.name() + ":" + key;
    }
    String path = parent.path() + "/" + segment;
    run.idleTimers().signOfLife(parent.path());

    Optional<Checkpoint> done = run.replay().completed(path);
    if (done.isPresent()) {
      return Replay.decode(done.get().value(), c.outputType(), path);
    }
    Optional<Checkpoint> failed = run.replay().failed(path);
    if (failed.isPresent()) {
      throw rebuild(path, c.name(), failed.get());
    }
    return execute(
        parent,
        c,
        input,
        path,
        run.replay().failedAttempts(path) + 1,
        run.replay().retriedAfter(path) + c.retryPolicy().maxAttempts());
  }

  /**
   * Runs attempts {@code firstAttempt} to {@code max}: a run's retry gives a failed step a fresh
   * budget, numbered on after the attempts it had.
   */
  private static <I, O> O execute(
      Scope parent, Component<I, O> c, I input, String path, int firstAttempt, int max) {
    RunServices run = parent.run();
    String inputJson = encodeForTrace(input);
    Throwable last = null;
    int attempt = firstAttempt;
    long stepStart = System.nanoTime();
    // firstAttempt > max only when the policy shrank since the failures were recorded.
    for (; attempt <= max; attempt++) {
      run.interruptions().checkCancelledAt(parent);
      Scope scope = parent.attemptOf(path, attempt);
      List<NewEvent> starting = new ArrayList<>(run.events().restartAttempt(scope));
      starting.add(
          run.event(
              EventTypes.STEP_STARTED,
              path,
              attempt,
              Payload.obj().str("component", c.name()).raw("input", inputJson).build()));
      run.writer().append(starting.toArray(NewEvent[]::new));
      long t0 = System.nanoTime();
      try {
        run.hook().beforeAttempt(c.name(), path, attempt);
        O out = runAttempt(scope, c, input, path);
        String outJson = Json.write(out);
        String data =
            Payload.obj()
                .str("component", c.name())
                .num("durationMs", millisSince(t0))
                .raw("output", outJson)
                .build();
        finish(run, c.isCheckpointed(), path, attempt, outJson, data);
        return out;
      } catch (Halt | RunCancelledException | NonDeterminismException e) {
        throw e;
      } catch (Throwable t) {
        run.interruptions().checkInterruption();
        last = t;
        String err = Errors.json(t);
        boolean retrying = attempt < max && c.retryPolicy().retries(t);
        List<NewEvent> voided = run.events().attemptFailed(scope, retrying ? "retried" : "failed");
        if (retrying) {
          Duration delay =
              c.retryPolicy()
                  .delayAfter(
                      attempt - (max - c.retryPolicy().maxAttempts()),
                      ThreadLocalRandom.current().nextDouble());
          List<NewEvent> events = new ArrayList<>(voided);
          events.add(
              run.event(
                  EventTypes.STEP_RETRYING,
                  path,
                  attempt,
                  Payload.obj()
                      .str("component", c.name())
                      .num("durationMs", millisSince(t0))
                      .raw("error", err)
                      .num("delayMs", delay.toMillis())
                      .num("nextAttempt", attempt + 1)
                      .build()));
          run.writer()
              .commit(
                  new Commit(
                      events,
                      List.of(
                          new Checkpoint(
                              path, attempt, Kind.ATTEMPT_FAILED, err, run.clock().now())),
                      Optional.empty()));
          run.interruptions().pause(delay);
        } else {
          if (!voided.isEmpty()) {
            run.writer().append(voided.toArray(NewEvent[]::new));
          }
          break;
        }
      }
    }
    int attempts = Math.min(attempt, max);
    StepFailedException failure =
        last == null
            ? new StepFailedException(
                path, c.name(), attempts, "RetriesExhausted", "no attempt left on resume", null)
            : new StepFailedException(
                path, c.name(), attempts, last.getClass().getName(), Errors.message(last), last);
    if (c.fallbackHandler().isPresent()) {
      return fallback(parent, c, input, path, attempts, failure, stepStart);
    }
    throw fail(run, path, c.name(), attempts, failure, stepStart);
  }

  private static <I, O> O runAttempt(Scope scope, Component<I, O> c, I input, String path)
      throws Exception {
    ContextImpl ctx = new ContextImpl(scope);
    Optional<Duration> timeout = c.timeoutPerAttempt();
    Optional<Duration> idle = c.idleTimeout();
    if (timeout.isEmpty() && idle.isEmpty()) {
      return ContextImpl.within(scope, () -> c.body().run(ctx, input));
    }
    FutureTask<O> task =
        new FutureTask<>(() -> ContextImpl.within(scope, () -> c.body().run(ctx, input)));
    IdleTimers idleTimers = scope.run().idleTimers();
    AtomicLong lastSign = idleTimers.start(scope.path());
    long start = System.nanoTime();
    Thread t = Thread.ofVirtual().name("spool-step-" + path).start(task);
    try {
      while (true) {
        long now = System.nanoTime();
        long left = Long.MAX_VALUE;
        if (timeout.isPresent()) {
          left = start + timeout.get().toNanos() - now;
          if (left <= 0) {
            throw abandon(scope, t, new StepTimeoutException(path, timeout.get()));
          }
        }
        if (idle.isPresent()) {
          long idleLeft = lastSign.get() + idle.get().toNanos() - now;
          if (idleLeft <= 0) {
            throw abandon(scope, t, StepTimeoutException.idle(path, idle.get()));
          }
          left = Math.min(left, idleLeft);
        }
        try {
          return task.get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          // loop: find out which clock ran out, or whether a sign of life restarted the idle one
        }
      }
    } catch (InterruptedException e) {
      throw abandon(scope, t, e);
    } catch (ExecutionException e) {
      Throwable cause = Errors.unwrap(e);
      if (cause instanceof Exception ex) {
        throw ex;
      }
      throw (Error) cause;
    } finally {
      idleTimers.stop(scope.path());
    }
  }

  private static <E extends Exception> E abandon(Scope scope, Thread t, E why) {
    scope.abandoned().set();
    t.interrupt();
    return why;
  }

  private static <I, O> O fallback(
      Scope parent,
      Component<I, O> c,
      I input,
      String path,
      int attempts,
      StepFailedException failure,
      long stepStart) {
    RunServices run = parent.run();
    run.writer()
        .append(
            run.event(
                EventTypes.STEP_FALLBACK,
                path,
                attempts,
                Payload.obj().str("component", c.name()).raw("error", errorOf(failure)).build()));
    Scope scope = parent.attemptOf(path + "/fallback", 1);
    try {
      O out =
          ContextImpl.within(
              scope,
              () -> c.fallbackHandler().get().recover(new ContextImpl(scope), input, failure));
      String outJson = Json.write(out);
      String data =
          Payload.obj()
              .str("component", c.name())
              .num("durationMs", millisSince(stepStart))
              .bool("fallback", true)
              .raw("output", outJson)
              .build();
      finish(run, c.isCheckpointed(), path, attempts, outJson, data);
      return out;
    } catch (Halt | RunCancelledException | NonDeterminismException e) {
      throw e;
    } catch (Throwable t) {
      run.interruptions().checkInterruption();
      StepFailedException f =
          new StepFailedException(
              path, c.name(), attempts, t.getClass().getName(), Errors.message(t), t);
      throw fail(run, path, c.name(), attempts, f, stepStart);
    }
  }

  private static void finish(
      RunServices run, boolean checkpointed, String path, int attempt, String out, String data) {
    run.idleTimers().signOfLife(path);
    var event = run.event(EventTypes.STEP_COMPLETED, path, attempt, data);
    if (checkpointed) {
      run.writer()
          .commit(
              Commit.of(
                  new Checkpoint(path, attempt, Kind.COMPLETED, out, run.clock().now()), event));
    } else {
      run.writer().append(event);
    }
  }

  private static StepFailedException fail(
      RunServices run,
      String path,
      String component,
      int attempts,
      StepFailedException failure,
      long stepStart) {
    String err = errorOf(failure);
    run.writer()
        .commit(
            Commit.of(
                new Checkpoint(path, attempts, Kind.FAILED, err, run.clock().now()),
                run.event(
                    EventTypes.STEP_FAILED,
                    path,
                    attempts,
                    Payload.obj()
                        .str("component", component)
                        .num("durationMs", millisSince(stepStart))
                        .raw("error", err)
                        .num("attempts", attempts)
                        .build())));
    return failure;
  }

  private static String errorOf(StepFailedException f) {
    return Payload.obj().str("type", f.errorType()).str("message", f.errorMessage()).build();
  }

  private static StepFailedException rebuild(String path, String component, Checkpoint cp) {
    var node = Json.tree(cp.value());
    return new StepFailedException(
        path,
        component,
        cp.attempt(),
        node.path("type").asText("Error"),
        node.path("message").asText(""),
        null);
  }

  /** The input as the trace shows it; an input Jackson cannot write is shown by its type. */
  private static String encodeForTrace(Object input) {
    try {
      return Json.write(input);
    } catch (IllegalArgumentException e) {
      return Json.quote("<" + input.getClass().getName() + ">");
    }
  }

  static long millisSince(long nanoStart) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoStart);
  }
}
