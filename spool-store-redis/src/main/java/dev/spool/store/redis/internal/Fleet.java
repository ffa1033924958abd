package dev.spool.store.redis.internal;

import dev.spool.store.DeploymentInfo;
import dev.spool.store.FleetStore;
import dev.spool.store.Micros;
import dev.spool.store.WorkerBeat;
import dev.spool.store.WorkflowVersion;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The fleet role of the Redis store, under the store-wide hash tag: the worker registry and the
 * deployments. Runs in flight per deployment are counted in each partition by the scripts that
 * create and finish runs, and summed here.
 */
public final class Fleet implements FleetStore {
  /** Registry entries of workers silent this long are dropped when any worker beats. */
  private static final Duration FORGET_AFTER = Duration.ofDays(1);

  private final Redis redis;
  private final String g;

  public Fleet(Redis redis) {
    this.redis = redis;
    this.g = redis.layout().global();
  }

  private <T> T await(RedisFuture<T> f, String what) {
    return redis.connection().await(f, what);
  }

  @Override
  public void beatWorker(WorkerBeat b) {
    String value =
        String.join(
            "\0",
            b.deployment(),
            Micros.str(b.startedAt()),
            Micros.str(b.at()),
            Integer.toString(b.activeRuns()),
            b.draining() ? "1" : "0",
            WorkflowVersion.joinKeys(b.workflows()));
    redis.eval(
        Script.BEAT,
        g,
        List.of(b.workerId(), value, Micros.str(b.at()), Micros.str(b.at().minus(FORGET_AFTER))),
        "register worker " + b.workerId());
  }

  @Override
  public void removeWorker(String workerId) {
    await(redis.cmd().hdel(g + "workers", workerId), "remove worker " + workerId);
    await(redis.cmd().zrem(g + "workers-at", workerId), "remove worker " + workerId);
  }

  @Override
  public List<WorkerBeat> workers(Instant aliveSince) {
    List<String> ids =
        await(
            redis
                .cmd()
                .zrangebyscore(
                    g + "workers-at",
                    Range.from(
                        Range.Boundary.including((double) Micros.of(aliveSince)),
                        Range.Boundary.unbounded())),
            "list workers");
    if (ids.isEmpty()) {
      return List.of();
    }
    List<WorkerBeat> out = new ArrayList<>();
    for (KeyValue<String, String> kv :
        await(redis.cmd().hmget(g + "workers", ids.toArray(String[]::new)), "list workers")) {
      if (kv.hasValue()) {
        String[] v = kv.getValue().split("\0", -1);
        out.add(
            new WorkerBeat(
                kv.getKey(),
                v[0],
                Micros.parse(v[1]),
                Micros.parse(v[2]),
                Integer.parseInt(v[3]),
                "1".equals(v[4]),
                v.length > 5 ? WorkflowVersion.parseKeys(v[5]) : Set.of()));
      }
    }
    out.sort(Comparator.comparing(WorkerBeat::deployment).thenComparing(WorkerBeat::workerId));
    return out;
  }

  @Override
  public int moveQueued(String from, String to) {
    int moved = 0;
    for (List<Object> r :
        redis.evalAll(
            Script.MOVE, p -> List.of(from, to), "move queued runs from " + from + " to " + to)) {
      moved += Integer.parseInt(Codec.str(r, 0));
    }
    return moved;
  }

  @Override
  public Map<WorkflowVersion, Long> inFlightByVersion() {
    List<RedisFuture<Map<String, String>>> counts = new ArrayList<>();
    for (int p = 0; p < redis.layout().partitions(); p++) {
      counts.add(redis.cmd().hgetall(redis.layout().partition(p) + "inflight-v"));
    }
    Map<WorkflowVersion, Long> out = new TreeMap<>();
    for (RedisFuture<Map<String, String>> f : counts) {
      await(f, "count runs in flight by workflow version")
          .forEach((v, n) -> out.merge(WorkflowVersion.parse(v), Long.parseLong(n), Long::sum));
    }
    return out;
  }

  @Override
  public void promote(String deployment, Instant now) {
    redis.eval(Script.PROMOTE, g, List.of(deployment, Micros.str(now)), "promote " + deployment);
  }

  @Override
  public Optional<String> activeDeployment() {
    return Optional.ofNullable(await(redis.cmd().get(g + "active"), "read the active deployment"));
  }

  @Override
  public List<DeploymentInfo> deployments() {
    List<RedisFuture<Map<String, String>>> counts = new ArrayList<>();
    for (int p = 0; p < redis.layout().partitions(); p++) {
      counts.add(redis.cmd().hgetall(redis.layout().partition(p) + "inflight"));
    }
    Map<String, String> promoted = await(redis.cmd().hgetall(g + "deploy"), "list deployments");
    Map<String, Long> inFlight = new TreeMap<>();
    promoted.keySet().forEach(d -> inFlight.put(d, 0L));
    for (RedisFuture<Map<String, String>> f : counts) {
      await(f, "count runs in flight")
          .forEach((d, n) -> inFlight.merge(d, Long.parseLong(n), Long::sum));
    }
    List<DeploymentInfo> out = new ArrayList<>();
    inFlight.forEach(
        (d, n) -> {
          String p = promoted.get(d);
          if (p == null) {
            if (n > 0) {
              out.add(new DeploymentInfo(d, DeploymentInfo.State.NEW, Optional.empty(), n));
            }
            return;
          }
          int z = p.indexOf('\0');
          out.add(
              new DeploymentInfo(
                  d,
                  DeploymentInfo.State.valueOf(p.substring(0, z).toUpperCase(Locale.ROOT)),
                  Optional.of(Micros.parse(p.substring(z + 1))),
                  n));
        });
    return out;
  }
}
