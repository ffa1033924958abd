package dev.spool.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.store.Checkpoint;
import dev.spool.store.Checkpoint.Kind;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The "did the recorded run go past this point" rule that {@code ctx.patched} relies on. */
class ReplayPassedTest {
  private static Replay recorded(String... paths) {
    return new Replay(
        Arrays.stream(paths)
            .map(p -> new Checkpoint(p, 1, Kind.COMPLETED, "null", Instant.EPOCH))
            .toList());
  }

  @Test
  void aLaterCallInTheSameScopeMeansPassedTheFrontierDoesNot() {
    Replay r = recorded("wf/a#0", "wf/signal#1/deadline");
    assertThat(r.passed("wf", 0)).isTrue();
    assertThat(r.passed("wf", 1)).as("the signal wait at #1 was recorded").isTrue();
    assertThat(r.passed("wf", 2)).as("nothing recorded at #2 or later").isFalse();
    assertThat(recorded().passed("wf", 0)).as("a fresh run").isFalse();
  }

  @Test
  void failedAttemptsSleepsAndNowCountAsRecordedPositions() {
    Replay r =
        new Replay(
            java.util.List.of(
                new Checkpoint("wf/flaky#2", 1, Kind.ATTEMPT_FAILED, "{}", Instant.EPOCH),
                new Checkpoint("wf/sleep#4", 1, Kind.COMPLETED, "{}", Instant.EPOCH)));
    assertThat(r.passed("wf", 2)).isTrue();
    assertThat(r.passed("wf", 4)).isTrue();
    assertThat(r.passed("wf", 5)).isFalse();
  }

  @Test
  void siblingBranchesOfAnAllDoNotCountForEachOther() {
    // Branch 1 got to its step #1; branch 0 recorded only its #0.
    Replay r = recorded("wf/all#0[0]/a#0", "wf/all#0[1]/a#0", "wf/all#0[1]/b#1");
    assertThat(r.passed("wf/all#0[1]", 1)).isTrue();
    assertThat(r.passed("wf/all#0[0]", 1)).as("branch 0 is at its frontier").isFalse();
  }

  @Test
  void anEnclosingScopeThatMovedOnMeansEveryPointInsideWasPassed() {
    // The all at #0 ended and the workflow recorded #1 after it: every branch is behind.
    Replay r = recorded("wf/all#0[0]/a#0", "wf/all#0[1]/a#0", "wf/after#1");
    assertThat(r.passed("wf/all#0[0]", 1)).isTrue();
    assertThat(r.passed("wf/all#0[1]", 5)).isTrue();
    // An unchecked step's body replays; its parent recorded a call after it.
    Replay unchecked = recorded("wf/later#3");
    assertThat(unchecked.passed("wf/unchecked#2", 0)).isTrue();
    assertThat(unchecked.passed("wf/unchecked#2@2/inner#0", 0)).isTrue();
    assertThat(unchecked.passed("wf/unchecked#3", 0)).as("nothing after #3").isFalse();
  }

  @Test
  void aFallbackStandsInItsStepsPlaceAndKeyedStepsHaveNoPosition() {
    Replay r = recorded("wf/next#4");
    assertThat(r.passed("wf/risky#3/fallback", 0)).isTrue();
    assertThat(r.passed("wf/risky#4/fallback", 0)).isFalse();
    assertThat(r.passed("wf/item:k7", 0)).as("a keyed step's place is unknown").isFalse();
  }

  @Test
  void keysWithHashesAndPatchRecordsAreNotPositions() {
    Replay r = recorded("wf/item:a#99999999999", "wf/patch!x@0", "wf/patch!x");
    assertThat(r.passed("wf", 0)).isFalse();
  }
}
