package dev.spool;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A person's answer to an agent's tool call that needs approval. The agent writes {@code
 * agent.approval_requested} ({@link #REQUESTED}: {@code {"callId","tool","arguments","signal"}})
 * and waits durably, holding no worker, for the signal {@link #signalName(String)} whose value is
 * this record; it then writes {@code agent.approval_decided} ({@link #DECIDED}) and runs the call
 * (approve), runs it with the edited arguments (edit), or tells the model it was refused (deny).
 *
 * <pre>{@code
 * POST /v1/runs/{id}/approvals/{callId}   {"decision":"edit","arguments":{"title":"Better"}}
 * }</pre>
 *
 * @param decision approve, deny or edit
 * @param arguments the arguments to run the call with instead (edit only; a JSON object)
 * @param reason why, for a person reading the stream (told to the model on deny)
 */
public record ToolDecision(Verdict decision, Map<String, Object> arguments, String reason) {
  /** The event an agent writes when a tool call waits for a person. */
  public static final String REQUESTED = "agent.approval_requested";

  /** The event an agent writes when it took the decision. */
  public static final String DECIDED = "agent.approval_decided";

  private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

  public ToolDecision {
    Objects.requireNonNull(decision, "decision");
    if (decision == Verdict.EDIT && arguments == null) {
      throw new IllegalArgumentException("an edit decision needs the edited arguments");
    }
    if (decision != Verdict.EDIT && arguments != null) {
      throw new IllegalArgumentException("only an edit decision carries arguments");
    }
    arguments = arguments == null ? null : Map.copyOf(arguments);
  }

  public static ToolDecision approve() {
    return new ToolDecision(Verdict.APPROVE, null, null);
  }

  public static ToolDecision deny(String reason) {
    return new ToolDecision(Verdict.DENY, null, reason);
  }

  public static ToolDecision edit(Map<String, Object> arguments) {
    return new ToolDecision(Verdict.EDIT, arguments, null);
  }

  public Optional<String> reasonText() {
    return Optional.ofNullable(reason).filter(r -> !r.isBlank());
  }

  /**
   * The signal a decision on {@code callId} is sent as.
   *
   * @throws IllegalArgumentException unless the id is 1-100 letters, digits, '_', '.' or '-'
   */
  public static String signalName(String callId) {
    if (callId == null || !CALL_ID.matcher(callId).matches()) {
      throw new IllegalArgumentException(
          "a tool call id is 1-100 letters, digits, '_', '.' or '-', got '" + callId + "'");
    }
    return "tool-approval." + callId;
  }

  /** What a person decided. In JSON: {@code "approve"}, {@code "deny"}, {@code "edit"}. */
  public enum Verdict {
    APPROVE,
    DENY,
    EDIT;

    @JsonValue
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Verdict parse(String s) {
      for (Verdict v : values()) {
        if (v.json().equals(s)) {
          return v;
        }
      }
      throw new IllegalArgumentException(
          "decision must be \"approve\", \"deny\" or \"edit\", got " + Json.write(s));
    }
  }
}
