package dev.spool.client;

import dev.spool.Json;
import dev.spool.RunStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * How a finished run ended ({@code GET /v1/runs/{id}/result}).
 *
 * @param runId the run
 * @param status {@code COMPLETED}, {@code FAILED} or {@code CANCELLED}
 * @param result the output as JSON text when completed
 * @param error the error as JSON text ({@code {"type":…,"message":…}}) when failed or cancelled
 */
public record RunResult(
    String runId, RunStatus status, Optional<String> result, Optional<String> error) {
  public RunResult {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(error, "error");
    if (!status.isTerminal()) {
      throw new IllegalArgumentException("a result needs a finished run, got " + status);
    }
  }

  public boolean isCompleted() {
    return status == RunStatus.COMPLETED;
  }

  /** The error's {@code message} when it has one, else the error JSON as it is. */
  public Optional<String> errorMessage() {
    return error.map(
        json -> {
          try {
            var message = Json.tree(json).get("message");
            return message != null && message.isTextual() ? message.asText() : json;
          } catch (IllegalArgumentException e) {
            return json;
          }
        });
  }
}
