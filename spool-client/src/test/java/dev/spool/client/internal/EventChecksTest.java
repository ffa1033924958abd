package dev.spool.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.Event;
import dev.spool.client.SpoolClientException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventChecksTest {
  private static Event event(long seq, String runId, String type) {
    return new Event(seq, runId, type, Instant.parse("2025-01-01T00:00:00Z"), "", 1, "{}");
  }

  private static SseMessage sse(Event e) {
    return new SseMessage(e.type(), e.toJson(), Optional.of(Long.toString(e.seq())));
  }

  @Test
  void theNextEventPasses() {
    Event e = event(5, "r1", "step.completed");

    assertThat(EventChecks.next(sse(e), "r1", 4)).isEqualTo(e);
  }

  @Test
  void aMessageWithoutIdOrTypeStillPassesOnItsData() {
    Event e = event(1, "r1", "run.queued");

    assertThat(EventChecks.next(new SseMessage("message", e.toJson(), Optional.empty()), "r1", 0))
        .isEqualTo(e);
  }

  @Test
  void aDuplicateFailsLoudly() {
    assertThatThrownBy(() -> EventChecks.next(sse(event(4, "r1", "progress")), "r1", 4))
        .isInstanceOf(SpoolClientException.class)
        .hasMessage("the event stream of run r1 after seq 4 sent seq 4 again (a duplicate)");
  }

  @Test
  void aGapFailsLoudlyNamingWhatIsMissing() {
    assertThatThrownBy(() -> EventChecks.next(sse(event(6, "r1", "progress")), "r1", 4))
        .isInstanceOf(SpoolClientException.class)
        .hasMessage(
            "the event stream of run r1 after seq 4 skipped to seq 6 (a gap: seq 5 never came)");
    assertThatThrownBy(() -> EventChecks.next(sse(event(9, "r1", "progress")), "r1", 4))
        .hasMessageContaining("seq 5..8 never came");
  }

  @Test
  void anotherRunsEventFails() {
    assertThatThrownBy(() -> EventChecks.next(sse(event(1, "r2", "run.queued")), "r1", 0))
        .hasMessageContaining("sent an event of run r2");
  }

  @Test
  void idAndTypeMustAgreeWithTheData() {
    Event e = event(3, "r1", "progress");

    assertThatThrownBy(
            () ->
                EventChecks.next(new SseMessage("progress", e.toJson(), Optional.of("4")), "r1", 2))
        .hasMessageContaining("id: 4 but seq 3");
    assertThatThrownBy(
            () -> EventChecks.next(new SseMessage("output", e.toJson(), Optional.of("3")), "r1", 2))
        .hasMessageContaining("event: output but type progress");
  }

  @Test
  void dataThatIsNotAnEventFails() {
    assertThatThrownBy(
            () -> EventChecks.next(new SseMessage("x", "{\"seq\":1}", Optional.empty()), "r1", 0))
        .isInstanceOf(SpoolClientException.class)
        .hasMessageContaining("not an event");
    assertThatThrownBy(
            () -> EventChecks.next(new SseMessage("x", "not json", Optional.empty()), "r1", 0))
        .hasMessageContaining("not an event");
  }
}
