package dev.spool.bench.chaos;

import dev.spool.testkit.llm.FakeLlmServer;
import dev.spool.testkit.llm.FakeRequest;

/**
 * The fake provider the workers stream from: its replies are paced and differ from one request to
 * the next (the request number leads), so a step asked again after a crash streams a different
 * text, and output the killed attempt left behind shows if it is not superseded.
 */
final class FakeReplies {
  private FakeReplies() {}

  static FakeLlmServer start(ChaosPlan plan) {
    return FakeLlmServer.builder()
        .tokensPerSecond(plan.fakeTokensPerSecond())
        .respond(req -> reply(req, plan.fakeWords()))
        .start();
  }

  /** {@code Reply N to PROMPT:} and numbered words up to the plan's length, one token each. */
  static String reply(FakeRequest req, int words) {
    StringBuilder sb =
        new StringBuilder("Reply ")
            .append(req.number())
            .append(" to ")
            .append(req.lastUserMessage())
            .append(':');
    for (int i = 1; i <= words; i++) {
      sb.append(" w").append(i);
    }
    return sb.append('.').toString();
  }
}
