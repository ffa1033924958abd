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
  private final Optional<Duration> timeout;
  private final Optional<Fallback<I, O>> fallback;
  private final boolean checkpointed;

  private Component(
      String name,
      Type outputType,
      StepBody<I, O> body,
      RetryPolicy retry,
      Optional<Duration> timeout,
      Optional<Fallback<I, O>> fallback,
      boolean checkpointed) {
    this.name = checkName(name);
    this.outputType = Objects.requireNonNull(outputType, "outputType");
    this.body = Objects.requireNonNull(body, "body");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.timeout = timeout;
    this.fallback = fallback;
    this.checkpointed = checkpointed;
  }

  /** A component with no retry, no timeout and no fallback, whose output is checkpointed. */
  public static <I, O> Component<I, O> of(String name, Class<O> outputType, StepBody<I, O> body) {
    return new Component<>(
        name, outputType, body, RetryPolicy.none(), Optional.empty(), Optional.empty(), true);
  }

  /** Same as {@link #of(String, Class, StepBody)} for a generic output type. */
  public static <I, O> Component<I, O> of(String name, TypeRef<O> outputType, StepBody<I, O> body) {
    return new Component<>(
        name,
        outputType.type(),
        body,
        RetryPolicy.none(),
        Optional.empty(),
        Optional.empty(),
        true);
  }

  public Component<I, O> retry(RetryPolicy policy) {
    return new Component<>(name, outputType, body, policy, timeout, fallback, checkpointed);
  }

  /** Limits each attempt; a timed-out attempt fails with {@link StepTimeoutException}. */
  public Component<I, O> timeout(Duration perAttempt) {
    if (!perAttempt.isPositive()) {
      throw new IllegalArgumentException("timeout must be positive, got " + perAttempt);
    }
    return new Component<>(
        name, outputType, body, retry, Optional.of(perAttempt), fallback, checkpointed);
  }

  /** The error boundary: its value replaces the output once every attempt failed. */
  public Component<I, O> fallback(Fallback<I, O> recover) {
    return new Component<>(
        name, outputType, body, retry, timeout, Optional.of(recover), checkpointed);
  }

  /**
   * Whether the output is checkpointed (the default). An unchecked step runs again on replay: use
   * it only for cheap, deterministic work.
   */
  public Component<I, O> checkpointed(boolean on) {
    return new Component<>(name, outputType, body, retry, timeout, fallback, on);
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
    return timeout;
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
}
