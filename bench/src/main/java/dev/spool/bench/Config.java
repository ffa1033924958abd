package dev.spool.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the run script found and set up, passed on the command line. */
record Config(
    Plan plan,
    Path out,
    Path work,
    String date,
    Optional<String> pgUrl,
    String pgUser,
    String pgPassword,
    Optional<String> restateNetns,
    String restateIngress,
    String restateAdmin,
    Optional<Integer> redisPort,
    List<String> skips,
    List<String> notes) {

  static Config parse(String[] args) {
    Plan plan = Plan.full();
    Path out = Path.of("bench/results");
    Path work = Path.of("bench/target/work");
    String date = java.time.LocalDate.now().toString();
    String pgUrl = null;
    String pgUser = "";
    String pgPassword = "";
    String netns = null;
    String ingress = "http://127.0.0.1:8080";
    String admin = "http://127.0.0.1:9070";
    Integer redisPort = null;
    List<String> skips = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--quick" -> plan = Plan.quick();
        case "--out" -> out = Path.of(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        case "--date" -> date = args[++i];
        case "--pg-url" -> pgUrl = args[++i];
        case "--pg-user" -> pgUser = args[++i];
        case "--pg-password" -> pgPassword = args[++i];
        case "--restate-netns" -> netns = args[++i];
        case "--restate-ingress" -> ingress = args[++i];
        case "--restate-admin" -> admin = args[++i];
        case "--redis-port" -> redisPort = Integer.parseInt(args[++i]);
        case "--skip" -> skips.add(args[++i]);
        case "--note" -> notes.add(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    return new Config(
        plan,
        out,
        work,
        date,
        Optional.ofNullable(pgUrl),
        pgUser,
        pgPassword,
        Optional.ofNullable(netns),
        ingress,
        admin,
        Optional.ofNullable(redisPort),
        skips,
        notes);
  }

  /** The Redis store URI of one benchmark, in a key namespace of its own. */
  String redisUri(String namespace) {
    return "redis://127.0.0.1:" + redisPort.orElseThrow() + "?namespace=bench-" + namespace;
  }

  /** JVM options every harness JVM gets, so that engines compete on equal terms. */
  static List<String> harnessJvm(String heap) {
    return List.of("-Xmx" + heap, "-Djava.awt.headless=true");
  }
}
