package dev.spool.worker;

import dev.spool.Spool;
import dev.spool.store.DeploymentInfo;
import dev.spool.store.RunRules;
import dev.spool.store.WorkflowVersion;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A worker process: claims runs until it is told to stop (SIGTERM, Ctrl-C, or {@link #stop}), then
 * drains: no new claims, running work gets until the drain deadline, the rest is handed back to the
 * queue so other workers resume it at once. A second Ctrl-C exits without draining; the runs it
 * held then resume elsewhere once their leases expire.
 *
 * <pre>{@code
 * Spool spool = Spool.builder(store).register(MY_WORKFLOWS).deployment("blue").build();
 * int handedOff = WorkerProcess.builder(spool).concurrency(32).build().run();
 * }</pre>
 */
public final class WorkerProcess {
  private final Spool spool;
  private final int concurrency;
  private final Duration drainTimeout;
  private final PrintStream log;
  private volatile StopSignals signals;
  private volatile boolean stopEarly;
  private volatile Worker worker;

  private WorkerProcess(Builder b) {
    this.spool = b.spool;
    this.concurrency = b.concurrency;
    this.drainTimeout = b.drainTimeout;
    this.log = b.log;
  }

  public static Builder builder(Spool spool) {
    return new Builder(spool);
  }

  /**
   * Runs until asked to stop, then drains.
   *
   * @return how many runs were handed off to other workers at the drain deadline
   */
  public int run() throws InterruptedException {
    signals = StopSignals.install(log, "draining");
    if (stopEarly) {
      signals.stop();
    }
    worker = Worker.start(spool, concurrency);
    Thread retirement =
        Thread.ofVirtual().name("spool-retirement-watch").start(this::exitWhenRetiredAndDrained);
    log.printf(
        "spool worker %s: deployment %s, concurrency %d, store %s%n",
        worker.id(), spool.deployment(), concurrency, spool.store().describe());
    log.printf(
        "heartbeat every %d ms, lease %d ms; SIGTERM drains for up to %d ms%n",
        spool.options().heartbeatEvery().toMillis(),
        spool.options().leaseTtl().toMillis(),
        drainTimeout.toMillis());
    log.printf(
        "runs %s%n",
        spool.registry().runnable().isEmpty()
            ? "no workflow: none is registered, so it takes no run (check SPOOL_CLASSPATH)"
            : String.join(
                ", ",
                spool.registry().runnable().stream().map(WorkflowVersion::toString).toList()));
    placement().ifPresent(log::println);
    signals.await();
    log.printf(
        "draining: %d run(s) active, no new claims; deadline %d ms%n",
        worker.activeRuns(), drainTimeout.toMillis());
    retirement.interrupt();
    int handedOff = worker.drain(drainTimeout);
    log.printf("drained: %d run(s) handed off to other workers; exiting%n", handedOff);
    return handedOff;
  }

  /**
   * What this worker's deployment means for what it takes, when that may surprise: it is not the
   * active one and holds no runs. Said once, at start.
   */
  private Optional<String> placement() {
    try {
      String me = spool.deployment();
      Optional<String> active = spool.store().fleet().activeDeployment();
      if (active.isEmpty() || active.get().equals(me)) {
        return Optional.empty();
      }
      long mine =
          spool.store().fleet().deployments().stream()
              .filter(d -> d.id().equals(me))
              .mapToLong(DeploymentInfo::runsInFlight)
              .sum();
      if (mine > 0) {
        return Optional.empty();
      }
      return Optional.of(
          "deployment "
              + me
              + " is not active ("
              + active.get()
              + " is) and holds no runs: new runs go to "
              + active.get()
              + ", so this worker takes only runs pinned to none; to send runs here, run spool"
              + " deployments promote "
              + me
              + " (or spool deployments move FROM "
              + me
              + " for queued ones)");
    } catch (RuntimeException e) {
      return Optional.empty(); // the store is unreachable: the worker says so as it retries
    }
  }

  /**
   * Blue-green: once this worker's deployment was retired (another one promoted) and no run pinned
   * to it is left, the worker has nothing more to do and stops by itself.
   */
  private void exitWhenRetiredAndDrained() {
    long every = Math.max(200, spool.options().heartbeatEvery().toMillis());
    while (true) {
      try {
        Thread.sleep(every);
        List<DeploymentInfo> all = spool.store().fleet().deployments();
        // Runs pinned to none may need this worker's versions too: it stays while any is left.
        boolean done =
            all.stream().anyMatch(d -> d.id().equals(spool.deployment()) && d.drained())
                && all.stream()
                    .noneMatch(d -> d.id().equals(RunRules.UNPINNED) && d.runsInFlight() > 0);
        if (done) {
          log.printf(
              "deployment %s is retired and holds no more runs: stopping%n", spool.deployment());
          stop();
          return;
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // The store is unreachable: keep working, ask again at the next beat.
      }
    }
  }

  /** Asks {@link #run} to drain and return; what SIGTERM does. */
  public void stop() {
    stopEarly = true;
    StopSignals s = signals;
    if (s != null) {
      s.stop();
    }
  }

  /** Configures a {@link WorkerProcess}. */
  public static final class Builder {
    private final Spool spool;
    private int concurrency = 16;
    private Duration drainTimeout = Duration.ofSeconds(30);
    private PrintStream log = System.err;

    private Builder(Spool spool) {
      this.spool = Objects.requireNonNull(spool, "spool");
    }

    /** How many runs execute at once (default 16). */
    public Builder concurrency(int n) {
      if (n < 1 || n > 100_000) {
        throw new IllegalArgumentException("concurrency must be 1..100000, got " + n);
      }
      this.concurrency = n;
      return this;
    }

    /** How long running work may go on after SIGTERM before it is handed off (default 30 s). */
    public Builder drainTimeout(Duration d) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("drain timeout must not be negative");
      }
      this.drainTimeout = d;
      return this;
    }

    /** Where status lines go (default stderr). */
    public Builder log(PrintStream out) {
      this.log = Objects.requireNonNull(out, "log");
      return this;
    }

    public WorkerProcess build() {
      return new WorkerProcess(this);
    }
  }
}
