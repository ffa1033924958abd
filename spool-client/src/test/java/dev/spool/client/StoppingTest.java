package dev.spool.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.Event;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ending a follow early: closing a subscription, interrupting, closing the client, losing the
 * server.
 */
class StoppingTest {
  private static final String LONG_RUN = "{\"steps\":500,\"stepMillis\":20}";

  @TempDir Path dir;
  Harness h;
  SpoolClient client;

  @BeforeEach
  void start() {
    h = new Harness(dir);
    client = h.client();
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void closingASubscriptionStopsTheSinkForGood() throws Exception {
    String runId = client.start("steps", LONG_RUN).runId();
    List<Event> seen = new CopyOnWriteArrayList<>();
    CountDownLatch some = new CountDownLatch(5);
    Subscription sub =
        client.subscribe(
            runId,
            0,
            e -> {
              seen.add(e);
              some.countDown();
            });
    assertThat(some.await(20, TimeUnit.SECONDS)).isTrue();

    sub.close();
    int atClose = seen.size();
    Thread.sleep(200); // the run goes on writing events; none may reach the sink now

    assertThat(seen).hasSize(atClose);
    assertThat(sub.isDone()).isTrue();
    assertThat(sub.terminal())
        .failsWithin(Duration.ZERO)
        .withThrowableThat()
        .withCauseInstanceOf(CancellationException.class);
    assertThatThrownBy(sub::await).isInstanceOf(CancellationException.class);
    assertThat(sub.lastSeq()).isEqualTo(seen.getLast().seq());
    assertThat(seen)
        .extracting(Event::seq)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, atClose).boxed().toList());
    client.cancel(runId);
  }

  @Test
  void aSubscriptionCanBeClosedFromItsOwnSink() {
    String runId = client.start("steps", LONG_RUN).runId();
    CompletableFuture<Subscription> self = new CompletableFuture<>();
    List<Event> seen = new CopyOnWriteArrayList<>();
    Subscription sub =
        client.subscribe(
            runId,
            0,
            e -> {
              seen.add(e);
              if (e.seq() == 3) {
                self.join().close();
              }
            });
    self.complete(sub);

    assertThatThrownBy(sub::await).isInstanceOf(CancellationException.class);
    assertThat(seen).extracting(Event::seq).containsExactly(1L, 2L, 3L);
    client.cancel(runId);
  }

  @Test
  void interruptingAFollowEndsItAndKeepsTheFlag() throws Exception {
    String runId = client.start("steps", LONG_RUN).runId();
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<Throwable> ended = new CompletableFuture<>();
    CompletableFuture<Boolean> flag = new CompletableFuture<>();
    Thread follower =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    client.follow(runId, 0, e -> started.countDown());
                    ended.complete(null);
                  } catch (Throwable t) {
                    flag.complete(Thread.currentThread().isInterrupted());
                    ended.complete(t);
                  }
                });
    assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();

    follower.interrupt();

    assertThat(ended.get(20, TimeUnit.SECONDS))
        .isInstanceOf(SpoolClientException.class)
        .hasMessageStartingWith("interrupted while following run " + runId);
    assertThat(flag.get()).isTrue();
    follower.join();
    client.cancel(runId);
  }

  @Test
  void closingTheClientEndsItsFollows() throws Exception {
    String runId = client.start("steps", LONG_RUN).runId();
    SpoolClient own = SpoolClient.builder(h.baseUri()).build();
    CountDownLatch started = new CountDownLatch(1);
    Subscription sub = own.subscribe(runId, 0, e -> started.countDown());
    assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();

    own.close();

    assertThatThrownBy(sub::await)
        .isInstanceOf(SpoolClientException.class)
        .hasMessageStartingWith("the client was closed while following run " + runId);
    assertThatThrownBy(() -> own.follow(runId, 0, e -> {})).hasMessage("the client is closed");
    client.cancel(runId);
  }

  @Test
  void aFollowSurvivesAServerRestart() throws Exception {
    String runId = client.start("steps", "{\"steps\":60,\"stepMillis\":20}").runId();
    List<Event> seen = new CopyOnWriteArrayList<>();
    CountDownLatch some = new CountDownLatch(10);
    Subscription sub =
        client.subscribe(
            runId,
            0,
            e -> {
              seen.add(e);
              some.countDown();
            });
    assertThat(some.await(20, TimeUnit.SECONDS)).isTrue();

    h.restartServer(Duration.ofMillis(300));

    Event terminal = sub.await();
    assertThat(terminal.type()).isEqualTo("run.completed");
    assertThat(seen).isEqualTo(h.stored(runId));
    assertThat(sub.reconnects()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void givesUpWhenTheServerStaysAway() throws Exception {
    String runId = client.start("steps", LONG_RUN).runId();
    SpoolClient patient =
        h.closeLater(
            SpoolClient.builder(h.baseUri())
                .reconnectPolicy(
                    ReconnectPolicy.defaults()
                        .withDelays(Duration.ofMillis(10), Duration.ofMillis(50))
                        .withGiveUpAfter(Duration.ofMillis(500)))
                .build());
    List<Event> seen = new CopyOnWriteArrayList<>();
    CountDownLatch some = new CountDownLatch(5);
    Subscription sub =
        patient.subscribe(
            runId,
            0,
            e -> {
              seen.add(e);
              some.countDown();
            });
    assertThat(some.await(20, TimeUnit.SECONDS)).isTrue();

    URI base = h.baseUri();
    h.server.close();

    assertThatThrownBy(sub::await)
        .isInstanceOf(SpoolClientException.class)
        .hasMessageStartingWith("gave up following run " + runId + " after seq ")
        .hasMessageContaining("the server sent nothing for")
        .hasMessageContaining("cannot connect to the Spool API at " + base);
    assertThat(seen)
        .extracting(Event::seq)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, seen.size()).boxed().toList());
    assertThat(sub.reconnects()).isGreaterThanOrEqualTo(2);
  }
}
