package dev.spool.bench.chaos;

import dev.spool.testkit.llm.FakeLlmServer;
import dev.spool.testkit.llm.FakeRequest;
import java.util.List;

/**
 * The fake provider the workers stream from: its replies are paced and differ from one request to
 * the next (the request number leads), so a step asked again after a crash streams a different
 * text, and output the killed attempt left behind shows if it is not superseded.
 */
final class FakeReplies {
  private static final List<String> WORDS =
      List.of(
          "durable",
          "agents",
          "resume",
          "where",
          "they",
          "stopped",
          "every",
          "step",
          "is",
          "checkpointed",
          "streams",
          "replay",
          "without",
          "gaps",
          "or",
          "duplicates");

  private FakeReplies() {}

  static FakeLlmServer start() {
    return FakeLlmServer.builder()
        .tokensPerSecond(ChaosPlan.FAKE_TOKENS_PER_SECOND)
        .respond(FakeReplies::reply)
        .start();
  }

  static String reply(FakeRequest req) {
    StringBuilder sb = new StringBuilder("Reply ").append(req.number()).append(':');
    int h = req.lastUserMessage().hashCode();
    for (int i = 0; i < ChaosPlan.FAKE_WORDS - 2; i++) {
      sb.append(' ').append(WORDS.get(Math.floorMod(h + i * 7 + (int) req.number(), WORDS.size())));
    }
    return sb.append('.').toString();
  }
}
