package dev.spool.internal.engine;

import dev.spool.EngineOptions;
import dev.spool.Event;
import dev.spool.Json;
import dev.spool.ManualClock;
import dev.spool.RunIds;
import dev.spool.RunStatus;
import dev.spool.Workflow;
import dev.spool.store.Claim;
import dev.spool.store.ClaimRequest;
import dev.spool.store.Commit;
import dev.spool.store.Lease;
import dev.spool.store.LeaseLostException;
import dev.spool.store.NewRun;
import dev.spool.store.RunInfo;
import dev.spool.store.RunStore;
import dev.spool.store.memory.MemoryRunStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs workflows through the real engine on an in-memory store and a manual clock, on the test's
 * own thread, and can make a worker "die" after a given number of store writes.
 */
final class Harness {
  final MemoryRunStore store = new MemoryRunStore();
  final ManualClock clock = ManualClock.at("2026-01-01T00:00:00Z");
  EngineOptions options =
      new EngineOptions(
          Duration.ofSeconds(30),
          Duration.ofSeconds(10),
          Duration.ofMinutes(1),
          5,
          Duration.ofMillis(250));

  String start(Workflow<?, ?> wf, Object input) {
    return start(wf, Json.write(input));
  }

  String start(Workflow<?, ?> wf, String inputJson) {
    String id = RunIds.next(clock.now());
    store.createRun(
        new NewRun(
            id, wf.name(), wf.versionId(), inputJson, Optional.empty(), "default", clock.now()));
    return id;
  }

  /** Executes until the run ends, advancing the clock over durable sleeps. */
  RunInfo runToEnd(Workflow<?, ?> wf, String runId) {
    for (int i = 0; i < 100; i++) {
      RunInfo info = info(runId);
      if (info.status().isTerminal()) {
        return info;
      }
      if (info.status() == RunStatus.WAITING) {
        clock.advance(Duration.between(clock.now(), info.resumeAt().orElseThrow()));
      }
      executeOnce(wf, runId, store, "worker-" + i, Optional.empty());
    }
    throw new AssertionError("run did not end");
  }

  RunExecution.Outcome executeOnce(
      Workflow<?, ?> wf, String runId, RunStore via, String owner, Optional<String> takeOverFrom) {
    ClaimRequest req =
        ClaimRequest.next(owner, "default", clock.now(), options.leaseTtl()).onlyRun(runId);
    if (takeOverFrom.isPresent()) {
      req = req.takingOverFrom(takeOverFrom.get());
    }
    Claim claim = store.claim(req).orElseThrow(() -> new AssertionError("nothing to claim"));
    return new RunExecution(via, clock, options, claim, wf).execute();
  }

  RunInfo info(String runId) {
    return store.getRun(runId).orElseThrow();
  }

  List<Event> events(String runId) {
    return store.readEvents(runId, 0, 100_000);
  }

  List<Event> events(String runId, String type) {
    List<Event> out = new ArrayList<>();
    for (Event e : events(runId)) {
      if (e.type().equals(type)) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * The store as a worker sees it that dies once {@code checkpoints} checkpoints are written: the
   * commit that would write one more, and every write after it, is refused, as if the process were
   * gone. Counting checkpoints rather than commits keeps it independent of how writes are batched.
   */
  RunStore dyingAfterCheckpoints(int checkpoints) {
    AtomicInteger written = new AtomicInteger();
    AtomicBoolean dead = new AtomicBoolean();
    return new ForwardingStore(store) {
      @Override
      public long commit(Lease lease, Commit commit) {
        if (dead.get() || written.get() + commit.checkpoints().size() > checkpoints) {
          dead.set(true);
          throw new LeaseLostException(lease.runId(), lease.epoch(), "the worker died");
        }
        written.addAndGet(commit.checkpoints().size());
        return super.commit(lease, commit);
      }
    };
  }
}
