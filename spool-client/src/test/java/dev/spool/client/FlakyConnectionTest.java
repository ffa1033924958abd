package dev.spool.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Event;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client whose connection is cut at random points, many times, still assembles exactly the run's
 * whole stream: every seq once, in order, equal to what the store holds.
 */
class FlakyConnectionTest {
  @TempDir Path dir;
  Harness h;
  SpoolClient direct;

  @BeforeEach
  void start() {
    h = new Harness(dir);
    direct = h.client();
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void aLiveRunFollowedThroughCutsArrivesWhole(long seed) throws Exception {
    String runId = direct.start("steps", "{\"steps\":40,\"stepMillis\":20}").runId();
    try (CuttingProxy proxy = new CuttingProxy(h.server.port(), seed, 100, 2000)) {
      SpoolClient flaky = h.client(proxy.uri());
      List<Event> seen = new ArrayList<>();
      Subscription sub = flaky.subscribe(runId, 0, seen::add);

      Event terminal = sub.await();

      assertWhole(runId, seen, terminal);
      assertReconnectedAfterEveryCut(sub, proxy);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 12})
  void aFinishedRunsReplayThroughCutsArrivesWhole(long seed) throws Exception {
    String runId = direct.start("steps", "{\"steps\":40}").runId();
    direct.awaitResult(runId, Duration.ofSeconds(30)).orElseThrow();
    try (CuttingProxy proxy = new CuttingProxy(h.server.port(), seed, 100, 2000)) {
      SpoolClient flaky = h.client(proxy.uri());
      List<Event> seen = new ArrayList<>();
      Subscription sub = flaky.subscribe(runId, 0, seen::add);

      Event terminal = sub.await();

      assertWhole(runId, seen, terminal);
      assertReconnectedAfterEveryCut(sub, proxy);
    }
  }

  /** Each connection but the last was cut and followed by exactly one reconnect, many times. */
  private static void assertReconnectedAfterEveryCut(Subscription sub, CuttingProxy proxy) {
    assertThat(sub.reconnects()).as("reconnects").isGreaterThanOrEqualTo(10);
    assertThat(proxy.accepted()).as("connections").isEqualTo(sub.reconnects() + 1);
    assertThat(proxy.cuts()).as("cuts").isBetween(sub.reconnects(), sub.reconnects() + 1);
  }

  private void assertWhole(String runId, List<Event> seen, Event terminal) {
    List<Event> stored = h.stored(runId);
    assertThat(seen)
        .extracting(Event::seq)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, stored.size()).boxed().toList());
    assertThat(seen).isEqualTo(stored);
    assertThat(terminal).isEqualTo(stored.getLast());
    assertThat(terminal.type()).isEqualTo("run.completed");
  }
}
