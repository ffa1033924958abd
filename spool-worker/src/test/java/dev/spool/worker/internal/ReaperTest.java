package dev.spool.worker.internal;

import static dev.spool.store.StoreFixtures.DEPLOYMENT;
import static dev.spool.store.StoreFixtures.newRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.EngineOptions;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.ManualClock;
import dev.spool.RunStatus;
import dev.spool.WorkerIds;
import dev.spool.store.Claim;
import dev.spool.store.ClaimRequest;
import dev.spool.store.RunStore;
import dev.spool.store.memory.MemoryRunStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reaper's fast path: a worker process of this host that is gone loses its runs at once. */
class ReaperTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:01:00Z");
  private static final EngineOptions OPTIONS = EngineOptions.defaults(); // ttl 15 s, beat 5 s
  private static String deadWorker;

  private final RunStore store = new MemoryRunStore();
  private final Reaper reaper = new Reaper(store, new ManualClock(NOW), OPTIONS);

  /** A worker id of this host whose process has exited. */
  @BeforeAll
  static void aProcessThatExited() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    String[] mine = WorkerIds.newId().split("/");
    deadWorker = mine[0] + "/" + p.pid() + "/dead";
    assertThat(WorkerIds.isDeadLocalProcess(deadWorker)).isTrue();
  }

  private String claimedBy(String owner, Duration heartbeatAgo, int n) {
    String id = "run-" + n;
    store.createRun(newRun(id, NOW.minusSeconds(60)));
    ClaimRequest req =
        ClaimRequest.next(owner, DEPLOYMENT, NOW.minus(heartbeatAgo), OPTIONS.leaseTtl());
    assertThat(store.claim(req.onlyRun(id)).map(Claim::lease)).isPresent();
    return id;
  }

  @Test
  void aGoneLocalWorkerLosesItsRunsBeforeTheirLeasesExpire() {
    String a = claimedBy(deadWorker, Duration.ofSeconds(1), 1);
    String b = claimedBy(deadWorker, Duration.ZERO, 2);

    assertThat(reaper.reapOnce()).isEqualTo(2);

    for (String id : new String[] {a, b}) {
      assertThat(store.getRun(id).orElseThrow().status()).isEqualTo(RunStatus.QUEUED);
      var lost = store.readEvents(id, 0, 10).get(1);
      assertThat(lost.type()).isEqualTo(EventTypes.WORKER_LOST);
      assertThat(Json.tree(lost.data()).path("cause").asText()).isEqualTo("processGone");
    }
  }

  @Test
  void aLiveProcessOrAnotherHostsWorkerKeepsItsRunsUntilTheLeaseExpires() {
    String alive = claimedBy(WorkerIds.newId(), Duration.ofSeconds(10), 1);
    String remote = claimedBy("another-host/1234/beef", Duration.ofSeconds(10), 2);

    assertThat(reaper.reapOnce()).isZero();

    for (String id : new String[] {alive, remote}) {
      assertThat(store.getRun(id).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    }
  }
}
