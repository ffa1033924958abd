package dev.spool;

/** A workflow input that does not parse as JSON or does not fit the workflow's input type. */
public final class InvalidInputException extends SpoolException {
  public InvalidInputException(String message) {
    super(message);
  }
}
