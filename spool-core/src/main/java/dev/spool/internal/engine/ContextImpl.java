package dev.spool.internal.engine;

import dev.spool.Component;
import dev.spool.Context;
import dev.spool.RunCancelledException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The context handed to workflow and component bodies. Calls resolve to the scope the current
 * engine thread runs in (so a context captured by an {@code all} branch still numbers its steps
 * under that branch), falling back to the scope it was made for.
 */
final class ContextImpl implements Context {
  private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

  private final Scope own;

  private static final java.util.regex.Pattern CUSTOM_TYPE =
      java.util.regex.Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");
  private static final java.util.regex.Pattern RESERVED =
      java.util.regex.Pattern.compile("(run|step|signal|worker|patch)\\..*");

  ContextImpl(Scope own) {
    this.own = own;
  }

  /** Runs {@code body} with {@code scope} as the thread's current scope. */
  static <T> T within(Scope scope, ThrowingSupplier<T> body) throws Exception {
    Scope before = CURRENT.get();
    CURRENT.set(scope);
    try {
      return body.get();
    } finally {
      if (before == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(before);
      }
    }
  }

  @FunctionalInterface
  interface ThrowingSupplier<T> {
    T get() throws Exception;
  }

  private Scope scope() {
    Scope bound = CURRENT.get();
    Scope s = bound != null && bound.run() == own.run() ? bound : own;
    s.checkLive();
    return s;
  }

  @Override
  public <I, O> O call(Component<I, O> component, I input) {
    return StepRunner.call(scope(), component, input, null);
  }

  @Override
  public <I, O> O call(Component<I, O> component, I input, String key) {
    if (key == null || key.isEmpty() || key.indexOf('/') >= 0) {
      throw new IllegalArgumentException("a step key must be non-empty and contain no '/'");
    }
    return StepRunner.call(scope(), component, input, key);
  }

  @Override
  public <T, R> List<R> all(List<T> items, Function<T, R> fn) {
    return FanOut.all(scope(), items, fn);
  }

  @Override
  public void progress(Object data) {
    Scope s = scope();
    s.run().events().progress(s, data);
  }

  @Override
  public void event(String type, Object data) {
    if (type == null || !CUSTOM_TYPE.matcher(type).matches() || RESERVED.matcher(type).matches()) {
      throw new IllegalArgumentException(
          "custom event type must look like 'namespace.name' in lower case and not use the"
              + " run., step., signal., worker. or patch. namespaces, got '"
              + type
              + "'");
    }
    Scope s = scope();
    s.run().events().custom(s, type, data);
  }

  @Override
  public void output(String stream, String chunk) {
    Scope s = scope();
    s.run().events().output(s, stream, chunk);
  }

  @Override
  public void sleep(Duration duration) {
    Timers.sleep(scope(), duration);
  }

  @Override
  public <T> Optional<T> awaitSignal(String name, Class<T> type, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    return Signals.await(scope(), name, type, Optional.of(timeout)).map(type::cast);
  }

  @Override
  public <T> T awaitSignal(String name, Class<T> type) {
    return Signals.await(scope(), name, type, Optional.empty())
        .map(type::cast)
        .orElseThrow(() -> new IllegalStateException("signal " + name + " carried null"));
  }

  @Override
  public void heartbeat() {
    Scope s = scope();
    s.run().idleTimers().signOfLife(s.path());
  }

  @Override
  public Instant now() {
    return Timers.now(scope());
  }

  @Override
  public double random() {
    Scope s = scope();
    long seed = (s.run().runId() + '\0' + s.path()).hashCode() * 0x9E3779B97F4A7C15L;
    return new SplittableRandom(seed + s.draws().getAndIncrement()).nextDouble();
  }

  @Override
  public boolean patched(String changeId) {
    return Patches.patched(scope(), changeId);
  }

  @Override
  public String runId() {
    return own.run().runId();
  }

  @Override
  public String path() {
    return scope().stepPath();
  }

  @Override
  public int attempt() {
    return scope().attempt();
  }

  @Override
  public boolean isCancelled() {
    return own.run().interruptions().isCancelled();
  }

  @Override
  public void checkCancelled() {
    if (isCancelled()) {
      throw new RunCancelledException(runId());
    }
  }
}
