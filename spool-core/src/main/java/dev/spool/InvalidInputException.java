package dev.spool;

import java.util.Optional;

/** A workflow input that does not parse as JSON or does not fit the workflow's input type. */
public final class InvalidInputException extends SpoolException {
  private final String jsonSyntaxError;

  public InvalidInputException(String message) {
    this(message, null);
  }

  private InvalidInputException(String message, String jsonSyntaxError) {
    super(message);
    this.jsonSyntaxError = jsonSyntaxError;
  }

  /** An input that is not JSON at all; {@code reason} says where the text breaks. */
  public static InvalidInputException notJson(String reason) {
    return new InvalidInputException("input is not valid JSON: " + reason, reason);
  }

  /**
   * Why the input is not JSON, when that is what is wrong with it; empty for JSON that does not fit
   * the workflow. The HTTP API answers the first with 400, the second with 422.
   */
  public Optional<String> jsonSyntaxError() {
    return Optional.ofNullable(jsonSyntaxError);
  }
}
