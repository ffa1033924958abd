package dev.spool.client.internal;

import dev.spool.client.ReconnectPolicy;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Applies a {@link ReconnectPolicy} to one long call: counts reconnects in a row without progress,
 * remembers when the server last sent anything, and says how long to wait before the next try or
 * that it is time to give up. {@link #alive} may be called from any thread.
 */
public final class Reconnects {
  private final ReconnectPolicy policy;
  private volatile boolean reached;
  private volatile long lastAliveNanos = System.nanoTime();
  private int inRow;
  private volatile int total;
  private String giveUpReason = "";

  public Reconnects(ReconnectPolicy policy) {
    this.policy = policy;
  }

  /** The server sent something: an answer's headers, body bytes, a keep-alive. */
  public void alive() {
    lastAliveNanos = System.nanoTime();
    reached = true;
  }

  /**
   * Something accepted a connection, even if it then broke it: worth retrying, unlike a refused
   * connection to a server that was never there. Does not count as the server being alive.
   */
  public void contacted() {
    reached = true;
  }

  /** The call moved forward (an event delivered, a wait answered): the count in a row restarts. */
  public void progressed() {
    inRow = 0;
  }

  /** True once the server has answered at all. */
  public boolean reached() {
    return reached;
  }

  /** Reconnects made so far. */
  public int total() {
    return total;
  }

  /**
   * The wait before the next reconnect, or empty when the policy gives up ({@link #giveUpReason}
   * says why). A call that never reached anything (connection refused, unknown host) does not
   * retry: the address is wrong or the server is down, and the caller should hear so at once.
   *
   * @param retryAfter what the server asked for, if anything
   */
  public Optional<Duration> next(Optional<Duration> retryAfter) {
    if (!reached) {
      giveUpReason = "nothing ever answered at that address";
      return Optional.empty();
    }
    if (inRow >= policy.maxAttempts()) {
      giveUpReason = inRow + " reconnect" + (inRow == 1 ? "" : "s") + " in a row made no progress";
      return Optional.empty();
    }
    Duration silent = Duration.ofNanos(System.nanoTime() - lastAliveNanos);
    if (silent.compareTo(policy.giveUpAfter()) >= 0) {
      giveUpReason = "the server sent nothing for " + silent.toMillis() + " ms";
      return Optional.empty();
    }
    inRow++;
    total = total + 1; // only the following thread writes it
    long initial = policy.initialDelay().toNanos();
    long max = policy.maxDelay().toNanos();
    long backoff = inRow > 62 ? max : Math.min(max, initial << Math.min(inRow - 1, 30));
    if (backoff < 0) {
      backoff = max;
    }
    long jittered = backoff - ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
    Duration delay = Duration.ofNanos(Math.max(jittered, 1_000_000));
    if (retryAfter.isPresent()) {
      Duration asked = min(retryAfter.get(), policy.giveUpAfter());
      delay = asked.compareTo(delay) > 0 ? asked : delay;
    }
    return Optional.of(delay);
  }

  /** Why {@link #next} last gave up. */
  public String giveUpReason() {
    return giveUpReason;
  }

  /** A {@code Retry-After} header: delay seconds or an HTTP date. */
  public static Optional<Duration> retryAfter(HttpHeaders headers) {
    Optional<String> v = headers.firstValue("Retry-After").map(String::strip);
    if (v.isEmpty() || v.get().isEmpty()) {
      return Optional.empty();
    }
    String text = v.get();
    if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return text.length() > 9
          ? Optional.empty()
          : Optional.of(Duration.ofSeconds(Long.parseLong(text)));
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Statuses that say "try again later" rather than "this request is wrong". */
  public static boolean isTransient(int status) {
    return status == 408
        || status == 429
        || (status >= 500 && status <= 599 && status != 501 && status != 505);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
