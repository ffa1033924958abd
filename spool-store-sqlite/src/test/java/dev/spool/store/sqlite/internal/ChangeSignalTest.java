package dev.spool.store.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChangeSignalTest {
  private static final long LONG = Duration.ofSeconds(30).toNanos();

  private final ChangeSignal signal = new ChangeSignal();

  @Test
  void aWriteToOneRunWakesOnlyThatRunsWaiters() throws Exception {
    signal.enter("a");
    signal.enter("b");
    ChangeSignal.Mark a = signal.mark("a");
    ChangeSignal.Mark b = signal.mark("b");

    signal.bump("b");
    signal.bump("nobody-waits");

    assertThat(signal.awaitChange("a", a, Duration.ofMillis(50).toNanos()))
        .as("a timed out: no change of its own")
        .isLessThanOrEqualTo(0);
    assertThat(signal.awaitChange("b", b, LONG)).isPositive();
  }

  @Test
  void aWaiterBlockedOnItsRunIsWokenByItsBumpOrByBumpAll() throws Exception {
    signal.enter("a");
    ChangeSignal.Mark seen = signal.mark("a");
    CompletableFuture<Long> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return signal.awaitChange("a", seen, LONG);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(50);
    signal.bump("a");
    assertThat(waiting.get(10, TimeUnit.SECONDS)).isPositive();

    ChangeSignal.Mark next = signal.mark("a");
    signal.bumpAll();
    assertThat(signal.awaitChange("a", next, LONG)).isPositive();
  }

  @Test
  void aChangeBetweenMarkAndWaitIsNotMissedAndLeavingForgetsTheRun() throws Exception {
    signal.enter("a");
    ChangeSignal.Mark seen = signal.mark("a");
    signal.bump("a");
    assertThat(signal.awaitChange("a", seen, LONG)).isEqualTo(LONG);

    signal.leave("a");
    assertThatThrownBy(() -> signal.awaitChange("a", seen, LONG))
        .isInstanceOf(IllegalStateException.class);
  }
}
