package dev.spool;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A reusable, independently testable step: a name, a body {@code (ctx, input) -> output}, and how
 * it behaves when it fails. Immutable; the {@code with…} style methods return a changed copy.
 *
 * <pre>{@code
 * static final Component<Topic, Outline> OUTLINE =
 *     Component.of("outline", Outline.class, (ctx, topic) -> draft(topic))
 *         .retry(RetryPolicy.exponential(5, Duration.ofSeconds(1)))
 *         .timeout(Duration.ofSeconds(30));
 * }</pre>
 *
 * @param <I> input type (serializable to JSON for the trace)
 * @param <O> output type (serializable to JSON: it is the checkpoint)
 */
public final class Component<I, O> {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

  private final String name;
  private final Type outputType;
  private final StepBody<I, O> body;
  private final RetryPolicy retry;
  private final Limits limits;
  private final Optional<Fallback<I, O>> fallback;
  private final boolean checkpointed;

  private Component(
      String name,
      Type outputType,
      StepBody<I, O> body,
      RetryPolicy retry,
      Limits limits,
      Optional<Fallback<I, O>> fallback,
      boolean checkpointed) {
    this.name = checkName(name);
    this.outputType = Objects.requireNonNull(outputType, "outputType");
    this.body = Objects.requireNonNull(body, "body");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.limits = limits;
    this.fallback = fallback;
    this.checkpointed = checkpointed;
  }

  /** A component with no retry, no timeout and no fallback, whose output is checkpointed. */
  public static <I, O> Component<I, O> of(String name, Class<O> outputType, StepBody<I, O> body) {
    return new Component<>(
        name, outputType, body, RetryPolicy.none(), Limits.NONE, Optional.empty(), true);
  }

  /** Same as {@link #of(String, Class, StepBody)} for a generic output type. */
  public static <I, O> Component<I, O> of(String name, TypeRef<O> outputType, StepBody<I, O> body) {
    return new Component<>(
        name, outputType.type(), body, RetryPolicy.none(), Limits.NONE, Optional.empty(), true);
  }

  public Component<I, O> retry(RetryPolicy policy) {
    return new Component<>(name, outputType, body, policy, limits, fallback, checkpointed);
  }

  /** Limits each attempt; a timed-out attempt fails with {@link StepTimeoutException}. */
  public Component<I, O> timeout(Duration perAttempt) {
    if (!perAttempt.isPositive()) {
      throw new IllegalArgumentException("timeout must be positive, got " + perAttempt);
    }
    return new Component<>(
        name,
        outputType,
        body,
        retry,
        new Limits(Optional.of(perAttempt), limits.idle()),
        fallback,
        checkpointed);
  }

  /**
   * Fails an attempt that goes {@code idle} without a sign of life: a {@code ctx.heartbeat()} or a
   * child step starting or finishing. Unlike {@link #timeout}, a long step that keeps beating may
   * run for as long as it needs.
   */
  public Component<I, O> idleTimeout(Duration idle) {
    if (!idle.isPositive()) {
      throw new IllegalArgumentException("idle timeout must be positive, got " + idle);
    }
    return new Component<>(
        name,
        outputType,
        body,
        retry,
        new Limits(limits.perAttempt(), Optional.of(idle)),
        fallback,
        checkpointed);
  }

  /** The error boundary: its value replaces the output once every attempt failed. */
  public Component<I, O> fallback(Fallback<I, O> recover) {
    return new Component<>(
        name, outputType, body, retry, limits, Optional.of(recover), checkpointed);
  }

  /**
   * Whether the output is checkpointed (the default). An unchecked step runs again on replay: use
   * it only for cheap, deterministic work.
   */
  public Component<I, O> checkpointed(boolean on) {
    return new Component<>(name, outputType, body, retry, limits, fallback, on);
  }

  public String name() {
    return name;
  }

  public Type outputType() {
    return outputType;
  }

  public StepBody<I, O> body() {
    return body;
  }

  public RetryPolicy retryPolicy() {
    return retry;
  }

  public Optional<Duration> timeoutPerAttempt() {
    return limits.perAttempt();
  }

  public Optional<Duration> idleTimeout() {
    return limits.idle();
  }

  public Optional<Fallback<I, O>> fallbackHandler() {
    return fallback;
  }

  public boolean isCheckpointed() {
    return checkpointed;
  }

  static String checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "bad name '" + name + "': use 1-100 letters, digits, '_', '.' or '-'");
    }
    return name;
  }

  @Override
  public String toString() {
    return "Component[" + name + "]";
  }

  /** The two clocks an attempt can run out of: wall time, and time without a heartbeat. */
  private record Limits(Optional<Duration> perAttempt, Optional<Duration> idle) {
    static final Limits NONE = new Limits(Optional.empty(), Optional.empty());
  }
}
