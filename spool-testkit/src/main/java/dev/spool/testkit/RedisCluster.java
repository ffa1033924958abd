package dev.spool.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of {@code n} masters (no replicas) for tests: real {@code redis-server} processes
 * on free loopback ports, slots split evenly, assembled with {@code CLUSTER ADDSLOTSRANGE} and
 * {@code CLUSTER MEET} as {@code redis-cli --cluster create} would.
 */
public final class RedisCluster implements AutoCloseable {
  private static final int SLOTS = 16384;

  private final List<RedisServer> nodes;

  private RedisCluster(List<RedisServer> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  /** Starts {@code masters} nodes under {@code dir} and waits until the cluster is ok. */
  public static RedisCluster start(Path dir, int masters) {
    List<RedisServer> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < masters; i++) {
        Path d = dir.resolve("node-" + i);
        nodes.add(
            RedisServer.start(
                d,
                RedisServer.freePort(true),
                List.of(
                    "--appendonly",
                    "no",
                    "--cluster-enabled",
                    "yes",
                    "--cluster-config-file",
                    d.resolve("nodes.conf").toAbsolutePath().toString(),
                    "--cluster-node-timeout",
                    "5000")));
      }
      for (int i = 0; i < masters; i++) {
        RedisServer n = nodes.get(i);
        n.command("CLUSTER", "SET-CONFIG-EPOCH", Integer.toString(i + 1));
        int from = i * SLOTS / masters;
        int to = (i + 1) * SLOTS / masters - 1;
        n.command("CLUSTER", "ADDSLOTSRANGE", Integer.toString(from), Integer.toString(to));
      }
      for (int i = 1; i < masters; i++) {
        nodes.get(0).command("CLUSTER", "MEET", "127.0.0.1", Integer.toString(nodes.get(i).port()));
      }
      RedisCluster c = new RedisCluster(nodes);
      c.awaitOk();
      return c;
    } catch (RuntimeException e) {
      nodes.forEach(RedisServer::close);
      throw e;
    }
  }

  private void awaitOk() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!ok()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "cluster not ok within 30 s: "
                + nodes.stream()
                    .map(n -> n.port() + " " + n.command("CLUSTER", "INFO"))
                    .collect(Collectors.joining("\n")));
      }
      RedisServer.sleep(50);
    }
  }

  private boolean ok() {
    for (RedisServer n : nodes) {
      String info = (String) n.command("CLUSTER", "INFO");
      if (!info.contains("cluster_state:ok")
          || !info.contains("cluster_known_nodes:" + nodes.size())
          || ((List<?>) n.command("CLUSTER", "SLOTS")).size() != nodes.size()) {
        return false;
      }
    }
    return true;
  }

  public List<RedisServer> nodes() {
    return nodes;
  }

  /** The store URI: {@code redis-cluster://127.0.0.1:P1,127.0.0.1:P2,…}. */
  public String uri() {
    return "redis-cluster://"
        + nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
  }

  /** Empties every master. */
  public void flushAll() {
    nodes.forEach(RedisServer::flushAll);
  }

  @Override
  public void close() {
    nodes.forEach(RedisServer::close);
  }
}
