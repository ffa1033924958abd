package dev.spool.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fleet role of a store: the registry of live workers and the deployments they belong to
 * (blue-green promotion).
 */
public interface FleetStore {

  /** Records a worker's heartbeat in the registry. */
  void beatWorker(WorkerBeat beat);

  /** Removes a worker that stopped. */
  void removeWorker(String workerId);

  /** Workers whose last beat is at or after {@code aliveSince}, by deployment then id. */
  List<WorkerBeat> workers(Instant aliveSince);

  /**
   * Makes {@code deployment} active: runs started from now on are pinned to it. The deployment
   * active before is retired: it finishes its own runs and takes no new ones.
   */
  void promote(String deployment, Instant now);

  /** The active deployment, if one was ever promoted. */
  Optional<String> activeDeployment();

  /**
   * Every deployment the store knows: promoted or retired ones, and any with runs in flight, with
   * their run counts; sorted by id.
   */
  List<DeploymentInfo> deployments();

  /**
   * Moves the runs pinned to {@code from} that no worker has started yet ({@link RunRules#movable})
   * to {@code to}: a deployment, or {@link RunRules#UNPINNED} for any worker.
   *
   * @return how many moved
   */
  int moveQueued(String from, String to);

  /** Unfinished runs by workflow version: what the fleet still has to run. */
  Map<WorkflowVersion, Long> inFlightByVersion();
}
