package dev.spool.store.memory;

import dev.spool.store.DeploymentInfo;
import dev.spool.store.FleetStore;
import dev.spool.store.WorkerBeat;
import dev.spool.store.WorkflowVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The fleet role of {@link MemoryRunStore}: the worker registry and deployments, behind a lock of
 * its own.
 */
final class Fleet implements FleetStore {
  /** What the fleet needs of the runs. */
  interface Runs {
    /** Unfinished runs by deployment. */
    Map<String, Long> inFlight();

    Map<WorkflowVersion, Long> inFlightByVersion();

    int moveQueued(String from, String to);
  }

  private final Runs runs;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, WorkerBeat> workers = new HashMap<>();
  private final Map<String, DeploymentInfo> promoted = new HashMap<>();
  private String active;

  Fleet(Runs runs) {
    this.runs = runs;
  }

  @Override
  public void beatWorker(WorkerBeat beat) {
    lock.lock();
    try {
      workers.put(beat.workerId(), beat);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void removeWorker(String workerId) {
    lock.lock();
    try {
      workers.remove(workerId);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<WorkerBeat> workers(Instant aliveSince) {
    lock.lock();
    try {
      return workers.values().stream()
          .filter(w -> !w.at().isBefore(aliveSince))
          .sorted(Comparator.comparing(WorkerBeat::deployment).thenComparing(WorkerBeat::workerId))
          .toList();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void promote(String deployment, Instant now) {
    lock.lock();
    try {
      if (active != null && !active.equals(deployment)) {
        DeploymentInfo was = promoted.get(active);
        promoted.put(
            active, new DeploymentInfo(active, DeploymentInfo.State.RETIRED, was.promotedAt(), 0));
      }
      promoted.put(
          deployment,
          new DeploymentInfo(deployment, DeploymentInfo.State.ACTIVE, Optional.of(now), 0));
      active = deployment;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<String> activeDeployment() {
    lock.lock();
    try {
      return Optional.ofNullable(active);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<DeploymentInfo> deployments() {
    Map<String, Long> counts = runs.inFlight();
    lock.lock();
    try {
      Map<String, Long> all = new TreeMap<>(counts);
      promoted.keySet().forEach(d -> all.putIfAbsent(d, 0L));
      List<DeploymentInfo> out = new ArrayList<>();
      all.forEach(
          (d, n) -> {
            DeploymentInfo p = promoted.get(d);
            out.add(
                p == null
                    ? new DeploymentInfo(d, DeploymentInfo.State.NEW, Optional.empty(), n)
                    : new DeploymentInfo(d, p.state(), p.promotedAt(), n));
          });
      return out;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int moveQueued(String from, String to) {
    return runs.moveQueued(from, to);
  }

  @Override
  public Map<WorkflowVersion, Long> inFlightByVersion() {
    return new TreeMap<>(runs.inFlightByVersion());
  }
}
