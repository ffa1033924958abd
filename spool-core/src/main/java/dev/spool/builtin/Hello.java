package dev.spool.builtin;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.spool.Component;
import dev.spool.RetryPolicy;
import dev.spool.Workflow;
import java.time.Duration;

/**
 * {@code hello}: greets a name, streaming the greeting word by word into the {@code text} output
 * stream, with a progress event per step.
 */
public final class Hello {
  /**
   * @param name who to greet
   * @param chunkMillis pause between streamed words (default 60)
   */
  public record Input(@JsonProperty(required = true) String name, Integer chunkMillis) {
    public Input {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
      if (chunkMillis != null && (chunkMillis < 0 || chunkMillis > 10_000)) {
        throw new IllegalArgumentException("chunkMillis must be within 0..10000");
      }
    }

    int pauseMillis() {
      return chunkMillis == null ? 60 : chunkMillis;
    }
  }

  static final Component<String, String> COMPOSE =
      Component.of(
          "compose",
          String.class,
          (ctx, name) ->
              "Hello, "
                  + name
                  + "! Every step of this run is checkpointed, so it survives a crash and"
                  + " resumes where it stopped.");

  /** What the speak step streams. */
  record Speech(String text, int pauseMillis) {}

  /** A progress payload: which step of how many. */
  record Progress(String step, int index, int of) {}

  static final Component<Speech, Integer> SPEAK =
      Component.<Speech, Integer>of(
              "speak",
              Integer.class,
              (ctx, speech) -> {
                String[] words = speech.text().split("(?<= )");
                for (String w : words) {
                  ctx.output("text", w);
                  Thread.sleep(speech.pauseMillis());
                }
                return words.length;
              })
          .retry(RetryPolicy.exponential(3, Duration.ofMillis(100)));

  public static final Workflow<Input, String> WORKFLOW =
      Workflow.of(
              "hello",
              Input.class,
              String.class,
              (ctx, in) -> {
                ctx.progress(new Progress("compose", 1, 2));
                String greeting = ctx.call(COMPOSE, in.name());
                ctx.progress(new Progress("speak", 2, 2));
                ctx.call(SPEAK, new Speech(greeting, in.pauseMillis()));
                return greeting;
              })
          .description("Greets a name, streaming the greeting word by word.");

  private Hello() {}
}
