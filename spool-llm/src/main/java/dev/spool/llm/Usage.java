package dev.spool.llm;

/**
 * Tokens a call used, as the provider reported them (zero when it did not).
 *
 * @param inputTokens tokens of the prompt
 * @param outputTokens tokens of the reply
 */
public record Usage(long inputTokens, long outputTokens) {
  public static final Usage NONE = new Usage(0, 0);

  public long totalTokens() {
    return inputTokens + outputTokens;
  }

  public Usage plus(Usage other) {
    return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens);
  }
}
