package dev.spool.testkit.llm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/** The fake's faults and counters, behind one lock: what a request gets is decided here. */
final class FakeState {
  /** What a received request is answered with, decided when it arrives. */
  sealed interface Verdict {}

  record Serve(FakeRequest request) implements Verdict {}

  record Refuse(int status, String message, Optional<Duration> retryAfter) implements Verdict {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Function<FakeRequest, String> responder;
  private final int words;
  private final double tokensPerSecond;
  private final long rateLimit;
  private final Duration rateWindow;
  private final String apiKey;
  private final long seed;
  private SplittableRandom random;
  private Duration latency;
  private double errorRate;
  private boolean down;
  private Instant downUntil = Instant.MIN;
  // A down-after outage counts requests in the order they are decided, under the lock: numbering
  // them on arrival let a later request be decided first and start the outage early.
  private boolean downAfterArmed;
  private long downAfterLeft; // requests still to decide before the outage starts
  private Duration downAfterFor;
  private int throttleLeft;
  private Duration throttleRetryAfter = Duration.ofSeconds(1);

  private final List<Instant> arrivals = new ArrayList<>();
  private final List<FakeRequest> requests = new ArrayList<>();
  private final ArrayDeque<Instant> accepted = new ArrayDeque<>();
  private long completed;
  private long throttled;
  private long failed;
  private int inFlight;
  private int maxConcurrent;
  private long promptTokens;
  private long completionTokens;

  FakeState(FakeLlmServer.Builder b) {
    this.responder = b.responder;
    this.words = b.words;
    this.tokensPerSecond = b.tokensPerSecond;
    this.rateLimit = b.rateLimit;
    this.rateWindow = b.rateWindow;
    this.apiKey = b.apiKey;
    this.seed = b.seed;
    this.random = new SplittableRandom(b.seed);
    this.latency = b.latency;
    this.errorRate = b.errorRate;
    this.downAfterArmed = b.downAfter > 0;
    this.downAfterLeft = b.downAfter;
    this.downAfterFor = b.downFor;
  }

  /** Counts a chat request in flight from its arrival; returns its number. */
  long arrived() {
    lock.lock();
    try {
      arrivals.add(Instant.now());
      inFlight++;
      maxConcurrent = Math.max(maxConcurrent, inFlight);
      return arrivals.size();
    } finally {
      lock.unlock();
    }
  }

  /** The request is answered (its last bytes are about to go out). */
  void departed() {
    lock.lock();
    try {
      inFlight--;
    } finally {
      lock.unlock();
    }
  }

  /** Decides how to answer a parsed request. */
  Verdict decide(FakeRequest req, Optional<String> bearer) {
    lock.lock();
    try {
      requests.add(req);
      Instant now = Instant.now();
      if (apiKey != null && !bearer.filter(apiKey::equals).isPresent()) {
        return new Refuse(401, "invalid api key", Optional.empty());
      }
      if (downAfterArmed && downAfterLeft-- == 0) {
        downAfterArmed = false;
        if (downAfterFor.isPositive()) {
          downUntil = now.plus(downAfterFor);
        } else {
          down = true;
        }
      }
      if (isDownLocked(now)) {
        failed++;
        return new Refuse(503, "service unavailable (fake outage)", Optional.empty());
      }
      if (throttleLeft > 0) {
        throttleLeft--;
        throttled++;
        return new Refuse(429, "rate limited (scripted)", Optional.of(throttleRetryAfter));
      }
      if (rateLimit > 0) {
        while (!accepted.isEmpty() && !accepted.peekFirst().plus(rateWindow).isAfter(now)) {
          accepted.pollFirst();
        }
        if (accepted.size() >= rateLimit) {
          throttled++;
          Duration wait = Duration.between(now, accepted.peekFirst().plus(rateWindow));
          return new Refuse(429, "rate limit of " + rateLimit + " requests", Optional.of(wait));
        }
      }
      if (errorRate > 0 && random.nextDouble() < errorRate) {
        failed++;
        return new Refuse(500, "internal error (injected)", Optional.empty());
      }
      if (rateLimit > 0) {
        accepted.addLast(now);
      }
      return new Serve(req);
    } finally {
      lock.unlock();
    }
  }

  /** The reply text of an accepted request, as chunks (one token each). */
  List<String> reply(FakeRequest req) {
    if (responder != null) {
      return FakeText.chunks(responder.apply(req));
    }
    int n = req.maxTokens().isPresent() ? Math.min(words, req.maxTokens().getAsInt()) : words;
    List<String> ws = FakeText.words(req.promptText(), Math.max(1, n));
    if (!req.json()) {
      return ws;
    }
    return FakeText.chunks("{\"text\": \"" + String.join("", ws) + "\"}");
  }

  void served(long prompt, long completion) {
    lock.lock();
    try {
      completed++;
      promptTokens += prompt;
      completionTokens += completion;
    } finally {
      lock.unlock();
    }
  }

  Duration latency() {
    lock.lock();
    try {
      return latency;
    } finally {
      lock.unlock();
    }
  }

  double tokensPerSecond() {
    return tokensPerSecond;
  }

  void latency(Duration d) {
    lock.lock();
    try {
      latency = d;
    } finally {
      lock.unlock();
    }
  }

  void errorRate(double rate) {
    lock.lock();
    try {
      errorRate = rate;
    } finally {
      lock.unlock();
    }
  }

  void setDown(boolean on) {
    lock.lock();
    try {
      down = on;
      if (!on) {
        downUntil = Instant.MIN;
        downAfterArmed = false;
      }
    } finally {
      lock.unlock();
    }
  }

  void downUntil(Instant until) {
    lock.lock();
    try {
      downUntil = until;
    } finally {
      lock.unlock();
    }
  }

  void downAfter(long n) {
    lock.lock();
    try {
      downAfterArmed = true;
      downAfterLeft = n;
      downAfterFor = Duration.ZERO;
    } finally {
      lock.unlock();
    }
  }

  void throttleNext(int n, Duration retryAfter) {
    lock.lock();
    try {
      throttleLeft = n;
      throttleRetryAfter = retryAfter;
    } finally {
      lock.unlock();
    }
  }

  boolean isDown(Instant now) {
    lock.lock();
    try {
      return isDownLocked(now);
    } finally {
      lock.unlock();
    }
  }

  private boolean isDownLocked(Instant now) {
    return down || downUntil.isAfter(now);
  }

  FakeLlmStats stats() {
    lock.lock();
    try {
      Instant minuteAgo = Instant.now().minus(Duration.ofMinutes(1));
      long lastMinute = arrivals.stream().filter(t -> t.isAfter(minuteAgo)).count();
      return new FakeLlmStats(
          arrivals.size(),
          completed,
          throttled,
          failed,
          maxConcurrent,
          promptTokens,
          completionTokens,
          lastMinute);
    } finally {
      lock.unlock();
    }
  }

  long maxRequestsIn(Duration window) {
    List<Instant> at = arrivals();
    long best = 0;
    int start = 0;
    for (int end = 0; end < at.size(); end++) {
      while (!at.get(start).plus(window).isAfter(at.get(end))) {
        start++;
      }
      best = Math.max(best, end - start + 1);
    }
    return best;
  }

  List<Instant> arrivals() {
    lock.lock();
    try {
      return List.copyOf(arrivals);
    } finally {
      lock.unlock();
    }
  }

  List<FakeRequest> requests() {
    lock.lock();
    try {
      return List.copyOf(requests);
    } finally {
      lock.unlock();
    }
  }

  void reset() {
    lock.lock();
    try {
      arrivals.clear();
      requests.clear();
      accepted.clear();
      completed = throttled = failed = promptTokens = completionTokens = 0;
      maxConcurrent = inFlight;
      random = new SplittableRandom(seed);
    } finally {
      lock.unlock();
    }
  }
}
