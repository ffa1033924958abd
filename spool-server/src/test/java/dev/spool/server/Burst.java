package dev.spool.server;

import dev.spool.Json;
import dev.spool.Workflow;

/**
 * A test workflow that publishes {@code events} progress events as fast as it can, each padded to
 * {@code pad} chars; before event {@code holdAt} it waits for the signal {@code go}.
 */
final class Burst {
  private Burst() {}

  /** The run's input. */
  record Input(int events, int pad, int holdAt) {}

  /** One progress payload. */
  record Tick(int i, String pad) {}

  static final Workflow<Input, Integer> WORKFLOW =
      Workflow.of(
          "burst",
          Input.class,
          Integer.class,
          (ctx, in) -> {
            String pad = "x".repeat(in.pad());
            for (int i = 0; i < in.events(); i++) {
              if (i == in.holdAt()) {
                ctx.awaitSignal("go", Boolean.class);
              }
              ctx.progress(new Tick(i, pad));
            }
            return in.events();
          });

  static String input(int events, int pad, int holdAt) {
    return Json.write(new Input(events, pad, holdAt));
  }
}
