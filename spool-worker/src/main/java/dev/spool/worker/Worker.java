package dev.spool.worker;

import dev.spool.Spool;
import dev.spool.WorkerIds;
import dev.spool.Workflow;
import dev.spool.internal.engine.RunExecution;
import dev.spool.store.Claim;
import dev.spool.store.ClaimRequest;
import dev.spool.store.Commit;
import dev.spool.store.Lease;
import dev.spool.store.LeaseLostException;
import dev.spool.store.RunControl;
import dev.spool.store.RunInfo;
import dev.spool.store.StoreEvents;
import dev.spool.store.StoreException;
import dev.spool.store.Transition;
import dev.spool.store.WorkerBeat;
import dev.spool.store.WorkflowVersion;
import dev.spool.worker.internal.LeaseRenewal;
import dev.spool.worker.internal.Outage;
import dev.spool.worker.internal.Reaper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Claims runs from the store and executes each on a virtual thread, renewing their leases on a
 * heartbeat. It also polls the store for cancel requests and signals aimed at its runs, and reaps
 * runs whose worker was lost (any worker may; the store makes it happen once).
 *
 * <p>{@link #drain} is the orderly stop: no new claims, running work gets until a deadline, what is
 * left is handed back to the queue ({@code run.handoff}) for another worker. {@link #close} is the
 * abrupt one: it interrupts what runs, whose leases then expire and are reaped.
 */
public final class Worker implements AutoCloseable {
  private static final Duration IDLE_POLL = Duration.ofMillis(200);
  private static final System.Logger LOG = System.getLogger("dev.spool.worker");

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
  private final Reaper reaper;
  private final Outage outage;
  private final java.time.Instant startedAt;
  private volatile boolean draining;
  private Thread claimer;
  private Thread heartbeat;
  private Thread control;
  private final Runnable wakeListener = this::wake;
  private final Set<WorkflowVersion> runnable;

  private Worker(Spool spool, int concurrency, Optional<String> onlyRun) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
    }
    this.spool = spool;
    this.slots = new Semaphore(concurrency);
    this.onlyRun = onlyRun;
    this.reaper = new Reaper(spool.store(), spool.clock(), spool.options());
    this.outage = new Outage(LOG, "worker " + id);
    this.startedAt = spool.clock().now();
    this.runnable = spool.registry().runnable();
  }

  public String id() {
    return id;
  }

  /** Runs executing on this worker now. */
  public int activeRuns() {
    return active.size();
  }

  /** Starts a worker that claims and executes up to {@code concurrency} runs at a time. */
  public static Worker start(Spool spool, int concurrency) {
    return start(spool, concurrency, Optional.empty());
  }

  /** Starts a worker that executes only {@code onlyRun} (until it ends), when given. */
  public static Worker start(Spool spool, int concurrency, Optional<String> onlyRun) {
    Worker w = new Worker(spool, concurrency, onlyRun);
    spool.addWakeListener(w.wakeListener);
    w.startThreads();
    return w;
  }

  private void startThreads() {
    claimer = Thread.ofVirtual().name("spool-claimer-" + id).start(this::claimLoop);
    heartbeat = Thread.ofVirtual().name("spool-heartbeat-" + id).start(this::heartbeatLoop);
    control = Thread.ofVirtual().name("spool-control-" + id).start(this::controlLoop);
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
    while (!closing && !draining && !onlyRunEnded) {
      try {
        slots.acquire();
        if (draining || closing) {
          slots.release();
          return;
        }
        Optional<Claim> claim;
        try {
          claim = claim();
          outage.ok();
        } catch (StoreException e) {
          outage.failed(e);
          claim = Optional.empty();
        }
        if (claim.isEmpty()) {
          slots.release();
          idle();
          continue;
        }
        Claim c = claim.get();
        String runId = c.lease().runId();
        Thread t = Thread.ofVirtual().name("spool-run-" + runId).unstarted(() -> execute(c));
        threads.put(runId, t);
        t.start();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private Optional<Claim> claim() {
    ClaimRequest req =
        ClaimRequest.next(id, spool.deployment(), spool.clock().now(), spool.options().leaseTtl())
            .runnable(runnable);
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

  private void execute(Claim claim) {
    Lease lease = claim.lease();
    try {
      RunInfo info = claim.run();
      Optional<Workflow<?, ?>> wf = spool.registry().find(info.workflow(), info.version());
      if (wf.isEmpty()) {
        handBack(lease, info); // claims ask only for runnable versions: a store bug, not the run's
        return;
      }
      RunExecution exec =
          new RunExecution(spool.store(), spool.clock(), spool.options(), claim, wf.get());
      active.put(lease.runId(), exec);
      if (closing) {
        exec.stop(); // close() began before this run was registered; it must not start
      }
      if (info.cancelRequested()) {
        exec.cancel();
      }
      exec.execute();
    } catch (RuntimeException e) {
      // Most likely the store is unreachable. The lease then expires and a reaper requeues the run.
      LOG.log(
          System.Logger.Level.WARNING,
          "worker " + id + " stopped executing run " + lease.runId() + ": " + e,
          e);
    } finally {
      active.remove(lease.runId());
      threads.remove(lease.runId());
      slots.release();
      wake();
    }
  }

  /** Gives a run this worker cannot execute back to the queue, unharmed, for one that can. */
  private void handBack(Lease lease, RunInfo info) {
    LOG.log(
        System.Logger.Level.WARNING,
        "worker "
            + id
            + " was handed run "
            + info.runId()
            + " of "
            + WorkflowVersion.of(info)
            + ", which it has not registered; giving it back");
    spool
        .store()
        .commit(
            lease,
            new Commit(
                List.of(
                    StoreEvents.handoff(
                        id,
                        "notRegistered",
                        Optional.empty(),
                        lease.attempt(),
                        spool.clock().now())),
                List.of(),
                Optional.of(Transition.requeued())));
  }

  private void heartbeatLoop() {
    long every = spool.options().heartbeatEvery().toMillis();
    while (!closing) {
      register();
      try {
        Thread.sleep(every);
      } catch (InterruptedException e) {
        return;
      }
      LeaseRenewal.renew(
          spool.store(), spool.clock().now().plus(spool.options().leaseTtl()), active.values());
    }
  }

  /** Puts this worker in the store's registry ({@code spool deployments} lists it). */
  private void register() {
    try {
      spool
          .store()
          .fleet()
          .beatWorker(
              new WorkerBeat(
                  id,
                  spool.deployment(),
                  startedAt,
                  spool.clock().now(),
                  active.size(),
                  draining,
                  runnable));
      outage.ok();
    } catch (StoreException e) {
      outage.failed(e); // the next beat tries again
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

  /**
   * Polls the store for what the runs held here must react to: a cancel request, or a signal that
   * arrived while they run. Between polls it reaps expired leases of any worker.
   */
  private void controlLoop() {
    long every = spool.options().controlPollEvery().toMillis();
    long reapEvery = spool.options().reapEvery().toNanos();
    long nextReap = System.nanoTime();
    while (!closing) {
      try {
        Thread.sleep(every);
      } catch (InterruptedException e) {
        return;
      }
      try {
        if (!active.isEmpty()) {
          for (RunControl c : spool.store().controls(id)) {
            RunExecution exec = active.get(c.runId());
            if (exec == null) {
              continue;
            }
            if (c.cancelRequested()) {
              exec.cancel();
            }
            if (c.lastSignalSeq() > 0) {
              exec.signalArrived();
            }
          }
        }
        if (onlyRun.isEmpty() && !draining && System.nanoTime() - nextReap >= 0) {
          nextReap = System.nanoTime() + reapEvery;
          if (reaper.reapOnce() > 0) {
            wake();
          }
        }
      } catch (StoreException e) {
        outage.failed(e); // the next poll tries again
      }
    }
  }

  /**
   * Stops claiming, gives the running runs until {@code deadline} to finish, then hands the rest
   * back to the queue with a {@code run.handoff} event so another worker resumes them from their
   * checkpoints at once, without waiting for a lease to expire. Closes the worker.
   *
   * @return how many runs were handed off
   */
  public int drain(Duration deadline) throws InterruptedException {
    draining = true;
    register(); // the registry shows it draining at once
    spool.removeWakeListener(wakeListener);
    if (claimer != null) {
      claimer.interrupt();
      claimer.join(5000);
    }
    long until = System.nanoTime() + deadline.toNanos();
    while (!threads.isEmpty() && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    int handedOff = 0;
    for (RunExecution exec : active.values()) {
      exec.stop();
      Thread t = threads.get(exec.runId());
      if (t != null) {
        t.join(5000);
      }
      try {
        spool
            .store()
            .commit(
                exec.lease(),
                new Commit(
                    List.of(
                        StoreEvents.handoff(
                            id,
                            "drain",
                            Optional.of(deadline),
                            exec.lease().attempt(),
                            spool.clock().now())),
                    List.of(),
                    Optional.of(Transition.requeued())));
        handedOff++;
      } catch (LeaseLostException e) {
        // Someone else holds it already: nothing to hand over.
      } catch (StoreException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "could not hand off run " + exec.runId() + "; its lease will expire instead: " + e);
      }
    }
    close();
    return handedOff;
  }

  /** True once {@link #drain} or {@link #close} began. */
  public boolean isStopping() {
    return draining || closing;
  }

  @Override
  public void close() {
    if (!closing) {
      try {
        spool.store().fleet().removeWorker(id);
      } catch (StoreException e) {
        // It drops out of the registry's live list once its beats stop.
      }
    }
    closing = true;
    spool.removeWakeListener(wakeListener);
    if (claimer != null) {
      claimer.interrupt();
      heartbeat.interrupt();
      control.interrupt();
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
