package dev.spool.testkit.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Deterministic reply text: the same prompt always gets the same words. */
final class FakeText {
  private static final String[] WORDS = {
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
    "survive",
    "a",
    "crash",
    "the",
    "worker",
    "heartbeats",
    "while",
    "tokens",
    "flow",
    "providers",
    "fail",
    "over",
    "and",
    "limits",
    "hold",
    "across",
    "workers",
    "so",
    "batches",
    "queue",
    "smoothly",
    "instead",
    "of",
    "failing",
    "with",
    "retries",
    "that",
    "honour",
    "retry-after",
    "breakers",
    "open",
    "then",
    "probe",
    "again",
    "later",
    "output",
    "stands",
    "once",
    "run",
    "completes",
    "in",
    "order",
    "without",
    "gaps",
    "clients",
    "reconnect",
    "from",
    "their",
    "last",
    "event",
    "spool",
    "keeps",
    "going"
  };

  static final int DEFAULT_WORDS = 24;

  private FakeText() {}

  /** The words of the reply to {@code prompt}, each but the last followed by a space. */
  static List<String> words(String prompt, int count) {
    SplittableRandom r = new SplittableRandom(prompt.hashCode() * 0x9E3779B97F4A7C15L);
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String w = WORDS[r.nextInt(WORDS.length)];
      if (i == 0) {
        w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
      }
      out.add(i == count - 1 ? w + "." : w + " ");
    }
    return out;
  }

  /** Splits a scripted reply into stream chunks: words with their trailing whitespace. */
  static List<String> chunks(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= text.length(); i++) {
      if (i == text.length()
          || (Character.isWhitespace(text.charAt(i - 1))
              && !Character.isWhitespace(text.charAt(i)))) {
        out.add(text.substring(start, i));
        start = i;
      }
    }
    return out;
  }

  /** The fake's token count: about four characters to a token, at least one. */
  static long tokens(String text) {
    return Math.max(1, (text.length() + 3) / 4);
  }
}
