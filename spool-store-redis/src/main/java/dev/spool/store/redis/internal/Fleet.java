package dev.spool.store.redis.internal;

import dev.spool.store.ApiKey;
import dev.spool.store.DeploymentInfo;
import dev.spool.store.StoreException;
import dev.spool.store.WorkerBeat;
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
import java.util.TreeMap;

/**
 * Store-wide records under one hash tag: the worker registry, deployments, API keys. Runs in flight
 * per deployment are counted in each partition by the scripts that create and finish runs, and
 * summed here.
 */
public final class Fleet {
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

  public void beatWorker(WorkerBeat b) {
    String value =
        String.join(
            "\0",
            b.deployment(),
            Micros.str(b.startedAt()),
            Micros.str(b.at()),
            Integer.toString(b.activeRuns()),
            b.draining() ? "1" : "0");
    redis.eval(
        Script.BEAT,
        g,
        List.of(b.workerId(), value, Micros.str(b.at()), Micros.str(b.at().minus(FORGET_AFTER))),
        "register worker " + b.workerId());
  }

  public void removeWorker(String workerId) {
    await(redis.cmd().hdel(g + "workers", workerId), "remove worker " + workerId);
    await(redis.cmd().zrem(g + "workers-at", workerId), "remove worker " + workerId);
  }

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
                "1".equals(v[4])));
      }
    }
    out.sort(Comparator.comparing(WorkerBeat::deployment).thenComparing(WorkerBeat::workerId));
    return out;
  }

  public void promote(String deployment, Instant now) {
    redis.eval(Script.PROMOTE, g, List.of(deployment, Micros.str(now)), "promote " + deployment);
  }

  public Optional<String> activeDeployment() {
    return Optional.ofNullable(await(redis.cmd().get(g + "active"), "read the active deployment"));
  }

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

  public void saveApiKey(ApiKey key) {
    List<Object> r =
        redis.eval(
            Script.KEY_SAVE,
            g,
            List.of(
                key.id(),
                key.name(),
                key.hash(),
                Micros.str(key.createdAt()),
                key.revokedAt().map(Micros::str).orElse("")),
            "save API key " + key.id());
    if (Codec.is(r, "exists")) {
      throw new StoreException("API key " + key.id() + " already exists");
    }
  }

  public Optional<ApiKey> apiKeyByHash(String hash) {
    String id = await(redis.cmd().hget(g + "key-hash", hash), "find API key");
    return id == null ? Optional.empty() : apiKey(id);
  }

  private Optional<ApiKey> apiKey(String id) {
    Map<String, String> f = await(redis.cmd().hgetall(g + "key:" + id), "read API key " + id);
    return f.isEmpty() ? Optional.empty() : Optional.of(apiKey(f));
  }

  private static ApiKey apiKey(Map<String, String> f) {
    return new ApiKey(
        f.get("id"),
        f.get("name"),
        f.get("hash"),
        Micros.parse(f.get("cr")),
        Micros.parseOpt(f.get("rv")));
  }

  public List<ApiKey> apiKeys() {
    List<String> ids = await(redis.cmd().zrange(g + "key-ids", 0, -1), "list API keys");
    List<RedisFuture<Map<String, String>>> fs = new ArrayList<>();
    for (String id : ids) {
      fs.add(redis.cmd().hgetall(g + "key:" + id));
    }
    List<ApiKey> out = new ArrayList<>();
    for (RedisFuture<Map<String, String>> f : fs) {
      Map<String, String> m = await(f, "list API keys");
      if (!m.isEmpty()) {
        out.add(apiKey(m));
      }
    }
    out.sort(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id));
    return out;
  }

  public boolean revokeApiKey(String id, Instant now) {
    return Codec.is(
        redis.eval(Script.KEY_REVOKE, g, List.of(id, Micros.str(now)), "revoke API key " + id),
        "1");
  }
}
