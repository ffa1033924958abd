package dev.spool.builtin;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.spool.Component;
import dev.spool.RetryPolicy;
import dev.spool.TypeRef;
import dev.spool.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code steps}: N sequential components that each wait M ms and publish progress; with {@code
 * failEvery} K > 0 the first attempt of every K-th step fails, so a retry shows. Benchmarks and
 * crash tests use it.
 */
public final class Steps {
  /**
   * @param steps how many steps, 0..100000
   * @param stepMillis how long each step works, in ms (default 0)
   * @param failEvery fail the first attempt of every K-th step (default 0: never)
   */
  public record Input(
      @JsonProperty(required = true) int steps, Integer stepMillis, Integer failEvery) {
    public Input {
      if (steps < 0 || steps > 100_000) {
        throw new IllegalArgumentException("steps must be within 0..100000, got " + steps);
      }
      if (stepMillis != null && (stepMillis < 0 || stepMillis > 3_600_000)) {
        throw new IllegalArgumentException("stepMillis must be within 0..3600000");
      }
      if (failEvery != null && failEvery < 0) {
        throw new IllegalArgumentException("failEvery must be >= 0");
      }
    }
  }

  /** One step's input: its number and how to behave. */
  public record Step(int number, int millis, int failEvery) {}

  /** A progress payload. */
  public record Progress(int step, int of) {}

  /** The error a step's first attempt throws on purpose. */
  public static final class InjectedFailure extends RuntimeException {
    public InjectedFailure(String message) {
      super(message);
    }
  }

  static final Component<Step, String> STEP =
      Component.<Step, String>of(
              "step",
              String.class,
              (ctx, s) -> {
                if (s.millis() > 0) {
                  Thread.sleep(s.millis());
                }
                if (s.failEvery() > 0 && s.number() % s.failEvery() == 0 && ctx.attempt() == 1) {
                  throw new InjectedFailure("step " + s.number() + " fails its first attempt");
                }
                return "step " + s.number() + " done";
              })
          .retry(RetryPolicy.exponential(3, Duration.ofMillis(20)));

  public static final Workflow<Input, List<String>> WORKFLOW =
      Workflow.of(
              "steps",
              Input.class,
              new TypeRef<List<String>>() {},
              (ctx, in) -> {
                int millis = in.stepMillis() == null ? 0 : in.stepMillis();
                int failEvery = in.failEvery() == null ? 0 : in.failEvery();
                List<String> results = new ArrayList<>(in.steps());
                for (int i = 1; i <= in.steps(); i++) {
                  results.add(ctx.call(STEP, new Step(i, millis, failEvery)));
                  ctx.progress(new Progress(i, in.steps()));
                }
                return results;
              })
          .description("N sequential steps of M ms each; every K-th fails once and retries.");

  private Steps() {}
}
