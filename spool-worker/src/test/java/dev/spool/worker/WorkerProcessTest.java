package dev.spool.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.Component;
import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.RunStatus;
import dev.spool.Spool;
import dev.spool.Workflow;
import dev.spool.store.memory.MemoryRunStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerProcessTest {
  private static final CountDownLatch NEVER = new CountDownLatch(1);

  static final Workflow<Integer, Integer> STUCK =
      Workflow.of(
          "stuck",
          Integer.class,
          Integer.class,
          (ctx, i) ->
              ctx.call(
                  Component.of(
                      "wait",
                      Integer.class,
                      (c, x) -> {
                        NEVER.await(30, TimeUnit.SECONDS);
                        return x;
                      }),
                  i));

  @Test
  void stopDrainsHandsTheRunBackAndReturns() throws Exception {
    MemoryRunStore store = new MemoryRunStore();
    Spool spool = Spool.builder(store).register(STUCK).build();
    String id = spool.start("stuck", "1").run().runId();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    WorkerProcess process =
        WorkerProcess.builder(spool)
            .concurrency(2)
            .drainTimeout(Duration.ofMillis(200))
            .log(new PrintStream(log, true, StandardCharsets.UTF_8))
            .build();

    CompletableFuture<Integer> handedOff =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return process.run();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (store.readEvents(id, 0, 100).stream()
        .map(Event::type)
        .noneMatch(EventTypes.STEP_STARTED::equals)) {
      assertThat(System.nanoTime()).as("the run started").isLessThan(deadline);
      Thread.sleep(10);
    }

    process.stop();

    assertThat(handedOff.get(20, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(store.getRun(id).orElseThrow().status()).isEqualTo(RunStatus.QUEUED);
    String text = log.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .contains("deployment default, concurrency 2", "draining: 1 run(s) active")
        .contains("drained: 1 run(s) handed off");
  }

  @Test
  void settingsOutOfRangeAreRefusedWithTheirName() {
    Spool spool = Spool.builder(new MemoryRunStore()).build();
    assertThatThrownBy(() -> WorkerProcess.builder(spool).concurrency(0))
        .hasMessageContaining("concurrency must be 1..100000");
    assertThatThrownBy(() -> WorkerProcess.builder(spool).drainTimeout(Duration.ofSeconds(-1)))
        .hasMessageContaining("drain timeout must not be negative");
  }
}
