package dev.spool.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.client.ReconnectPolicy;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReconnectsTest {
  private static final ReconnectPolicy POLICY =
      ReconnectPolicy.defaults()
          .withDelays(Duration.ofMillis(100), Duration.ofMillis(800))
          .withMaxAttempts(6);

  @Test
  void aCallThatNeverReachedTheServerDoesNotRetry() {
    Reconnects r = new Reconnects(POLICY);

    assertThat(r.next(Optional.empty())).isEmpty();
    assertThat(r.giveUpReason()).isEqualTo("nothing ever answered at that address");
  }

  @Test
  void aConnectionThatWasAcceptedThenBrokenIsRetried() {
    Reconnects r = new Reconnects(POLICY);
    r.contacted();

    assertThat(r.next(Optional.empty())).isPresent();
  }

  @Test
  void delaysDoubleUpToTheCapWithAtMostHalfTakenOff() {
    Reconnects r = new Reconnects(POLICY);
    r.alive();
    long[] full = {100, 200, 400, 800, 800, 800};
    for (long ms : full) {
      Duration d = r.next(Optional.empty()).orElseThrow();
      assertThat(d.toMillis()).isBetween(ms / 2, ms);
    }
    assertThat(r.total()).isEqualTo(6);
  }

  @Test
  void givesUpAfterMaxAttemptsInARowAndProgressResetsTheCount() {
    Reconnects r = new Reconnects(POLICY.withMaxAttempts(2));
    r.alive();
    assertThat(r.next(Optional.empty())).isPresent();
    assertThat(r.next(Optional.empty())).isPresent();
    r.progressed();
    assertThat(r.next(Optional.empty())).isPresent();
    assertThat(r.next(Optional.empty())).isPresent();

    assertThat(r.next(Optional.empty())).isEmpty();
    assertThat(r.giveUpReason()).isEqualTo("2 reconnects in a row made no progress");
    assertThat(r.total()).isEqualTo(4);
  }

  @Test
  void givesUpWhenTheServerHasBeenSilentTooLong() throws InterruptedException {
    Reconnects r = new Reconnects(POLICY.withGiveUpAfter(Duration.ofMillis(30)));
    r.alive();
    assertThat(r.next(Optional.empty())).isPresent();
    Thread.sleep(40);

    assertThat(r.next(Optional.empty())).isEmpty();
    assertThat(r.giveUpReason()).startsWith("the server sent nothing for");
  }

  @Test
  void neverMeansNoReconnect() {
    Reconnects r = new Reconnects(ReconnectPolicy.never());
    r.alive();

    assertThat(r.next(Optional.empty())).isEmpty();
  }

  @Test
  void retryAfterLengthensTheDelayUpToTheGiveUpTime() {
    Reconnects r = new Reconnects(POLICY.withGiveUpAfter(Duration.ofSeconds(3)));
    r.alive();

    assertThat(r.next(Optional.of(Duration.ofSeconds(2)))).contains(Duration.ofSeconds(2));
    assertThat(r.next(Optional.of(Duration.ofSeconds(60)))).contains(Duration.ofSeconds(3));
  }

  @Test
  void retryAfterHeaderTakesSecondsOrADate() {
    assertThat(Reconnects.retryAfter(headers("7"))).contains(Duration.ofSeconds(7));
    assertThat(Reconnects.retryAfter(headers("soon"))).isEmpty();
    assertThat(Reconnects.retryAfter(headers(null))).isEmpty();
    String inAMinute =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
    assertThat(Reconnects.retryAfter(headers(inAMinute)).orElseThrow())
        .isBetween(Duration.ofSeconds(55), Duration.ofSeconds(61));
  }

  @Test
  void transientStatuses() {
    assertThat(List.of(408, 429, 500, 502, 503, 504)).allMatch(Reconnects::isTransient);
    assertThat(List.of(400, 401, 403, 404, 409, 422, 501, 505)).noneMatch(Reconnects::isTransient);
  }

  private static HttpHeaders headers(String retryAfter) {
    return HttpHeaders.of(
        retryAfter == null ? Map.of() : Map.of("Retry-After", List.of(retryAfter)), (a, b) -> true);
  }
}
