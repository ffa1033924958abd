package dev.spool.builtin;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.spool.Component;
import dev.spool.Workflow;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code approval}: human in the loop. Drafts a text, then waits durably for the signal {@code
 * approve} ({@code {"approved":true,"comment":"…"}}) and publishes the outcome. The wait survives
 * restarts and holds no worker while it lasts.
 */
public final class Approval {
  /**
   * @param subject what to approve
   * @param timeoutSeconds how long to wait for the decision (default: forever)
   */
  public record Input(@JsonProperty(required = true) String subject, Long timeoutSeconds) {
    public Input {
      if (subject.isBlank()) {
        throw new IllegalArgumentException("subject must not be blank");
      }
      if (timeoutSeconds != null && timeoutSeconds < 0) {
        throw new IllegalArgumentException("timeoutSeconds must be >= 0");
      }
    }
  }

  /** The signal's value. */
  public record Decision(boolean approved, String comment) {}

  /** The run's result. */
  public record Outcome(String subject, String draft, String decision, String comment) {}

  static final Component<String, String> DRAFT =
      Component.of("draft", String.class, (ctx, subject) -> "Proposal: " + subject);

  public static final Workflow<Input, Outcome> WORKFLOW =
      Workflow.of(
              "approval",
              Input.class,
              Outcome.class,
              (ctx, in) -> {
                String draft = ctx.call(DRAFT, in.subject());
                ctx.progress(Map.of("waitingFor", "approve", "draft", draft));
                Optional<Decision> d =
                    in.timeoutSeconds() == null
                        ? Optional.of(ctx.awaitSignal("approve", Decision.class))
                        : ctx.awaitSignal(
                            "approve", Decision.class, Duration.ofSeconds(in.timeoutSeconds()));
                String decision =
                    d.map(x -> x.approved() ? "approved" : "rejected").orElse("timed out");
                String comment = d.map(Decision::comment).orElse("");
                ctx.progress(Map.of("decision", decision));
                return new Outcome(in.subject(), draft, decision, comment == null ? "" : comment);
              })
          .description("Drafts a proposal, then waits for a person to send the 'approve' signal.");

  private Approval() {}
}
