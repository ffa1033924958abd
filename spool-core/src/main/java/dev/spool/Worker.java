package dev.spool;

import dev.spool.internal.engine.RunExecution;
import dev.spool.store.ClaimRequest;
import dev.spool.store.Commit;
import dev.spool.store.Lease;
import dev.spool.store.LeaseLostException;
import dev.spool.store.NewEvent;
import dev.spool.store.RunInfo;
import dev.spool.store.StoreException;
import dev.spool.store.Transition;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Claims runs from the store and executes each on a virtual thread, renewing their leases on a
 * heartbeat. Closing it stops claiming and interrupts what still runs; their leases then expire and
 * the runs resume elsewhere from their checkpoints.
 */
public final class Worker implements AutoCloseable {
  private static final Duration IDLE_POLL = Duration.ofMillis(200);

  private final Spool spool;
  private final String id = WorkerIds.newId();
  private final Semaphore slots;
  private final Optional<String> onlyRun;
  private final Map<String, RunExecution> active = new ConcurrentHashMap<>();
  private final Map<String, Thread> threads = new ConcurrentHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wakeUp = lock.newCondition();
  private boolean wakeRequested; // guarded by lock, so a wake between claim and wait is not lost
  private volatile boolean closing;
  private volatile boolean onlyRunEnded;
  private Thread claimer;
  private Thread heartbeat;

  Worker(Spool spool, int concurrency, Optional<String> onlyRun) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
    }
    this.spool = spool;
    this.slots = new Semaphore(concurrency);
    this.onlyRun = onlyRun;
  }

  public String id() {
    return id;
  }

  /** Runs executing on this worker now. */
  public int activeRuns() {
    return active.size();
  }

  void start() {
    claimer = Thread.ofVirtual().name("spool-claimer-" + id).start(this::claimLoop);
    heartbeat = Thread.ofVirtual().name("spool-heartbeat-" + id).start(this::heartbeatLoop);
  }

  /** Makes the worker look for work now instead of at its next poll. */
  void wake() {
    lock.lock();
    try {
      wakeRequested = true;
      wakeUp.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void claimLoop() {
    while (!closing && !onlyRunEnded) {
      try {
        slots.acquire();
        Optional<Lease> lease;
        try {
          lease = claim();
        } catch (StoreException e) {
          lease = Optional.empty();
        }
        if (lease.isEmpty()) {
          slots.release();
          idle();
          continue;
        }
        Lease l = lease.get();
        Thread t = Thread.ofVirtual().name("spool-run-" + l.runId()).unstarted(() -> execute(l));
        threads.put(l.runId(), t);
        t.start();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private Optional<Lease> claim() {
    ClaimRequest req =
        ClaimRequest.next(id, spool.deployment(), spool.clock().now(), spool.options().leaseTtl());
    if (onlyRun.isPresent()) {
      req = req.onlyRun(onlyRun.get());
      Optional<RunInfo> run = spool.store().getRun(onlyRun.get());
      if (run.isEmpty() || run.get().status().isTerminal()) {
        onlyRunEnded = true;
        return Optional.empty();
      }
      Optional<String> owner = run.get().leaseOwner();
      if (owner.isPresent() && !owner.get().equals(id) && spool.canTakeOver(run.get())) {
        req = req.takingOverFrom(owner.get());
      }
    }
    return spool.store().claim(req);
  }

  private void idle() throws InterruptedException {
    lock.lock();
    try {
      if (!wakeRequested) {
        wakeUp.await(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
      }
      wakeRequested = false;
    } finally {
      lock.unlock();
    }
  }

  private void execute(Lease lease) {
    try {
      RunInfo info =
          spool
              .store()
              .getRun(lease.runId())
              .orElseThrow(() -> new IllegalStateException("claimed run vanished"));
      Optional<Workflow<?, ?>> wf = spool.registry().find(info.workflow());
      if (wf.isEmpty()) {
        failUnknown(lease, info);
        return;
      }
      RunExecution exec =
          new RunExecution(spool.store(), spool.clock(), spool.options(), lease, info, wf.get());
      active.put(lease.runId(), exec);
      exec.execute();
    } catch (RuntimeException e) {
      // The lease expires and the run resumes elsewhere; nothing else to do here.
    } finally {
      active.remove(lease.runId());
      threads.remove(lease.runId());
      slots.release();
      wake();
    }
  }

  private void failUnknown(Lease lease, RunInfo info) {
    String msg =
        "workflow '"
            + info.workflow()
            + "' is not registered on worker "
            + id
            + " (deployment "
            + spool.deployment()
            + ")";
    String err = "{\"type\":\"UnknownWorkflow\",\"message\":" + Json.quote(msg) + "}";
    spool
        .store()
        .commit(
            lease,
            Commit.of(
                Transition.failed(err),
                new NewEvent(
                    EventTypes.RUN_FAILED,
                    spool.clock().now(),
                    "",
                    lease.attempt(),
                    "{\"error\":" + err + "}")));
  }

  private void heartbeatLoop() {
    long every = spool.options().heartbeatEvery().toMillis();
    while (!closing) {
      try {
        Thread.sleep(every);
      } catch (InterruptedException e) {
        return;
      }
      for (RunExecution exec : active.values()) {
        try {
          Lease renewed =
              spool
                  .store()
                  .renew(exec.lease(), spool.clock().now().plus(spool.options().leaseTtl()));
          exec.leaseRenewed(renewed);
        } catch (LeaseLostException e) {
          exec.stop(); // the run belongs to someone else now
        } catch (StoreException e) {
          // try again at the next beat; the lease lasts several beats
        }
      }
    }
  }

  /** Waits until this worker runs nothing and (for a single-run worker) its run ended. */
  public boolean awaitIdle(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      if (active.isEmpty() && threads.isEmpty() && (onlyRun.isEmpty() || onlyRunEnded)) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  @Override
  public void close() {
    closing = true;
    spool.workerClosed(this);
    if (claimer != null) {
      claimer.interrupt();
      heartbeat.interrupt();
    }
    active.values().forEach(RunExecution::stop);
    threads.values().forEach(Thread::interrupt);
    for (Thread t : threads.values()) {
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
