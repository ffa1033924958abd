package dev.spool.store.redis.internal;

import dev.spool.Durations;
import dev.spool.store.StoreException;
import io.lettuce.core.RedisURI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed Redis store URI: {@code redis://[user:password@]host[:port][/db]}, {@code rediss://…}
 * (TLS) or {@code redis-cluster://[user:password@]host:port,host:port}, each with optional query
 * parameters {@code partitions}, {@code retention}, {@code timeout} and {@code namespace}.
 *
 * @param cluster true for {@code redis-cluster://}
 * @param nodes the server (one) or the cluster's seed nodes (one or more)
 * @param partitions the invocation-queue partition count asked for, if any
 * @param retention how long finished runs are kept ({@link Duration#ZERO}: forever)
 * @param timeout how long one Redis command may take before it fails
 * @param namespace the prefix of every key
 * @param describe the URI without its password, for logs
 */
public record StoreUri(
    boolean cluster,
    List<RedisURI> nodes,
    Optional<Integer> partitions,
    Duration retention,
    Duration timeout,
    String namespace,
    String describe) {

  public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  public static final int MAX_PARTITIONS = 1024;

  private static final String FORMS =
      "redis://[user:password@]host[:port][/db], rediss://… (TLS) or"
          + " redis-cluster://host:port,host:port, with optional ?partitions=N&retention=7d"
          + "&timeout=5s&namespace=spool";

  public static StoreUri parse(String text) {
    int sep = text.indexOf("://");
    if (sep < 0) {
      throw bad(text, "expected " + FORMS);
    }
    String scheme = text.substring(0, sep);
    boolean cluster = scheme.equals("redis-cluster");
    boolean tls = scheme.equals("rediss");
    if (!cluster && !tls && !scheme.equals("redis")) {
      throw bad(text, "unknown scheme '" + scheme + "'; expected " + FORMS);
    }
    String rest = text.substring(sep + 3);
    Map<String, String> params = new LinkedHashMap<>();
    int q = rest.indexOf('?');
    if (q >= 0) {
      params = query(text, rest.substring(q + 1));
      rest = rest.substring(0, q);
    }
    String path = "";
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      path = rest.substring(slash + 1);
      rest = rest.substring(0, slash);
    }
    String user = null;
    String password = null;
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      String info = rest.substring(0, at);
      rest = rest.substring(at + 1);
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? "" : info.substring(0, colon));
      password = decode(colon < 0 ? info : info.substring(colon + 1));
    }
    int db = 0;
    if (!path.isEmpty()) {
      if (cluster) {
        throw bad(text, "a Redis Cluster has only database 0; drop '/" + path + "'");
      }
      db = number(text, path, "database", 0, 1_000_000);
    }
    List<String> hosts = List.of(rest.split(",", -1));
    if (!cluster && hosts.size() > 1) {
      throw bad(text, "several hosts need redis-cluster://");
    }
    Duration timeout = duration(text, params.remove("timeout"), DEFAULT_TIMEOUT, "timeout");
    if (timeout.isZero()) {
      throw bad(text, "timeout must be positive");
    }
    List<RedisURI> nodes = new ArrayList<>();
    StringBuilder shown = new StringBuilder(scheme).append("://");
    for (String h : hosts) {
      RedisURI.Builder b = node(text, h, cluster);
      b.withSsl(tls).withDatabase(db).withTimeout(timeout);
      if (password != null) {
        if (user == null || user.isEmpty()) {
          b.withPassword(password.toCharArray());
        } else {
          b.withAuthentication(user, password.toCharArray());
        }
      }
      String verify = params.get("verifyPeer");
      if (verify != null) {
        b.withVerifyPeer(Boolean.parseBoolean(verify));
      }
      RedisURI u = b.build();
      nodes.add(u);
      shown.append(nodes.size() > 1 ? "," : "").append(u.getHost()).append(':').append(u.getPort());
    }
    params.remove("verifyPeer");
    if (!cluster) {
      shown.append('/').append(db);
    }
    Optional<Integer> partitions =
        Optional.ofNullable(params.remove("partitions"))
            .map(p -> number(text, p, "partitions", 1, MAX_PARTITIONS));
    Duration retention = duration(text, params.remove("retention"), DEFAULT_RETENTION, "retention");
    String namespace = params.getOrDefault("namespace", "spool");
    params.remove("namespace");
    if (namespace.isEmpty() || namespace.matches(".*[{}\\s].*")) {
      throw bad(text, "namespace must be non-empty, without braces or spaces");
    }
    if (!params.isEmpty()) {
      throw bad(
          text,
          "unknown parameter(s) "
              + params.keySet()
              + "; known: partitions, retention, timeout, namespace, verifyPeer");
    }
    return new StoreUri(
        cluster, nodes, partitions, retention, timeout, namespace, shown.toString());
  }

  private static RedisURI.Builder node(String text, String hostPort, boolean cluster) {
    if (hostPort.isBlank()) {
      throw bad(text, "no host; expected " + FORMS);
    }
    String host = hostPort;
    int port = RedisURI.DEFAULT_REDIS_PORT;
    int colon = hostPort.lastIndexOf(':');
    if (colon >= 0 && !hostPort.endsWith("]")) {
      host = hostPort.substring(0, colon);
      port = number(text, hostPort.substring(colon + 1), "port", 1, 65535);
    } else if (cluster) {
      throw bad(text, "cluster node '" + hostPort + "' needs a port (host:port)");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isBlank()) {
      throw bad(text, "no host in '" + hostPort + "'");
    }
    return RedisURI.Builder.redis(host, port);
  }

  private static Map<String, String> query(String text, String query) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw bad(text, "parameter '" + pair + "' needs a value (name=value)");
      }
      out.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
    }
    return out;
  }

  private static int number(String text, String value, String what, int min, int max) {
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(text, what + " must be a whole number " + min + ".." + max + ", got '" + value + "'");
  }

  private static Duration duration(String text, String value, Duration fallback, String what) {
    if (value == null) {
      return fallback;
    }
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw bad(text, what + ": " + e.getMessage());
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static StoreException bad(String text, String why) {
    return new StoreException("bad store URI '" + redact(text) + "': " + why);
  }

  /** The URI with any password replaced, fit for messages. */
  static String redact(String text) {
    return text.replaceAll("(://[^/@?]*?:)[^/@?]*@", "$1***@");
  }
}
