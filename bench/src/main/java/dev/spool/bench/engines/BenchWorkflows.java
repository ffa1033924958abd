package dev.spool.bench.engines;

import dev.spool.Component;
import dev.spool.Workflow;

/**
 * The benchmark workload on Spool, the same one every peer runs: N sequential steps that each
 * return a short string, every one checkpointed; no progress events, no sleeps.
 */
public final class BenchWorkflows {
  /** The workflow's input. */
  public record Input(int steps) {}

  static final Component<Integer, String> STEP =
      Component.of("step", String.class, (ctx, i) -> "step " + i);

  public static final Workflow<Input, Integer> STEPS =
      Workflow.of(
              "bench-steps",
              Input.class,
              Integer.class,
              (ctx, in) -> {
                for (int i = 1; i <= in.steps(); i++) {
                  ctx.call(STEP, i);
                }
                return in.steps();
              })
          .description("N trivial sequential steps (the cross-engine benchmark workload).");

  private BenchWorkflows() {}

  public static String input(int steps) {
    return "{\"steps\":" + steps + "}";
  }
}
