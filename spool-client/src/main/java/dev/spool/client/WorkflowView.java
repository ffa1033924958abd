package dev.spool.client;

import java.util.Objects;
import java.util.Optional;

/**
 * A workflow the server can start ({@code GET /v1/workflows}).
 *
 * @param name what {@link SpoolClient#start} takes
 * @param version the version new runs are pinned to
 * @param description what it does, when its author said
 * @param inputSchema the JSON Schema of its input, as JSON text
 * @param outputSchema the JSON Schema of its output, as JSON text
 */
public record WorkflowView(
    String name,
    String version,
    Optional<String> description,
    String inputSchema,
    String outputSchema) {
  public WorkflowView {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(inputSchema, "inputSchema");
    Objects.requireNonNull(outputSchema, "outputSchema");
  }
}
