package dev.spool.bench.report;

import static dev.spool.bench.report.Stats.fmt;
import static dev.spool.bench.report.Stats.ratio;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The report's sections, each from its part of the results. */
final class Sections {
  private final JsonNode r;
  private final Path dir;
  private final String prefix;
  private final StringBuilder md;

  Sections(JsonNode r, Path dir, String prefix, StringBuilder md) {
    this.r = r;
    this.dir = dir;
    this.prefix = prefix;
    this.md = md;
  }

  void machine() {
    JsonNode m = r.path("machine");
    md.append("## Machine\n\n");
    md.append("| | |\n|---|---|\n");
    row("CPU", m.path("cpu").asText() + ", " + m.path("cores").asInt() + " cores");
    row("Memory", m.path("memoryGiB").asText() + " GiB");
    row("OS", m.path("os").asText() + ", kernel " + m.path("kernel").asText());
    row("JDK", m.path("jdk").asText());
    row(
        "Load average (1, 5, 15 min)",
        "at start "
            + m.path("loadAverageAtStart").asText()
            + "; at end "
            + m.path("loadAverageAtEnd").asText());
    md.append(
        "\nThe machine is shared (other builds and tests run beside the benchmark), so every"
            + " comparison alternates the engines within one pass and reports the median over"
            + " rounds with the lowest and highest round in brackets.\n\n");
    JsonNode engines = r.path("engines");
    if (engines.size() > 0) {
      md.append("Engines in this pass:\n\n");
      for (String e : Report.names(engines)) {
        md.append("- **").append(e).append("**: ").append(engines.get(e).asText()).append("\n");
      }
      md.append("\n");
    }
  }

  void skipsAndNotes() {
    if (r.path("skips").size() > 0) {
      md.append("**Skipped:**\n\n");
      r.path("skips").forEach(s -> md.append("- ").append(s.asText()).append("\n"));
      md.append("\n");
    }
    if (r.path("notes").size() > 0) {
      md.append("**Notes:**\n\n");
      r.path("notes").forEach(s -> md.append("- ").append(s.asText()).append("\n"));
      md.append("\n");
    }
  }

  // ---- latency ------------------------------------------------------------------------------

  private Stats.Spread latencySpread(String engine, double p) {
    List<Double> v = new ArrayList<>();
    for (JsonNode round : r.path("latency").path(engine)) {
      v.add(Stats.percentile(Stats.sorted(round), p));
    }
    return Stats.spread(v);
  }

  private double floorMicros(String engine) {
    JsonNode f = r.path("floors");
    return switch (engine) {
      case "dbos" -> f.path("postgres").path("p50Micros").asDouble(Double.NaN);
      case "restate" -> f.path("fsync").path("p50Micros").asDouble(Double.NaN);
      case "spool-redis" -> f.path("redis").path("p50Micros").asDouble(Double.NaN);
      default -> f.path("sqlite").path("p50Micros").asDouble(Double.NaN);
    };
  }

  private static String floorName(String engine) {
    return switch (engine) {
      case "dbos" -> "PostgreSQL commit";
      case "restate" -> "4 KiB write + fdatasync";
      case "spool-redis" -> "Redis XADD round trip";
      default -> "SQLite commit";
    };
  }

  void headline() {
    JsonNode lat = r.path("latency");
    if (!lat.has("spool")) {
      return;
    }
    List<String> engines = Report.list(lat);
    md.append("## Main ratios\n\n");
    md.append("Medians over rounds; in brackets, each peer's figure as a multiple of Spool's")
        .append(
            " (in-process, SQLite). Latency: lower is better; throughput: higher is better.\n\n");
    md.append("| measure |");
    engines.forEach(e -> md.append(" ").append(e).append(" |"));
    md.append("\n|---|");
    engines.forEach(e -> md.append("---|"));
    md.append("\n");
    for (double p : new double[] {50, 99}) {
      md.append("| 10-step workflow p").append((int) p).append(", ms |");
      double spool = latencySpread("spool", p).median();
      for (String e : engines) {
        double v = latencySpread(e, p).median();
        md.append(" ").append(fmt(v / 1000));
        if (!e.equals("spool")) {
          md.append(" (").append(ratio(v / spool)).append(")");
        }
        md.append(" |");
      }
      md.append("\n");
    }
    JsonNode tp = r.path("throughput");
    for (String c : Report.names(tp.path("spool"))) {
      md.append("| workflows/s, ").append(c).append(c.equals("1") ? " client |" : " clients |");
      double spool = throughputSpread("spool", c).median();
      for (String e : engines) {
        double v = throughputSpread(e, c).median();
        md.append(" ").append(fmt(v));
        if (!e.equals("spool")) {
          md.append(" (").append(ratio(v / spool)).append(")");
        }
        md.append(" |");
      }
      md.append("\n");
    }
    double perStep = latencySpread("spool", 50).median() / 10;
    md.append("\nSpool per step (10-step p50 ÷ 10): ")
        .append(fmt(perStep))
        .append(" µs, ")
        .append(ratio(perStep / floorMicros("spool")))
        .append(" one bare SQLite commit on this machine.\n\n");
  }

  void floors() {
    JsonNode f = r.path("floors");
    md.append("## Physical floors on this machine\n\n| floor | p50 | p99 | |\n|---|---|---|---|\n");
    if (f.has("sqlite")) {
      JsonNode s = f.get("sqlite");
      md.append(
              "| SQLite write transaction, one 200-byte row (WAL, synchronous=NORMAL, as Spool's store) | ")
          .append(fmt(s.path("p50Micros").asDouble()))
          .append(" µs | ")
          .append(fmt(s.path("p99Micros").asDouble()))
          .append(" µs | ")
          .append(fmt(s.path("commitsPerSecond").asDouble()))
          .append(" commits/s from one thread |\n");
    }
    if (f.has("postgres")) {
      JsonNode s = f.get("postgres");
      md.append("| PostgreSQL ")
          .append(s.path("server_version").asText().split(" ")[0])
          .append(" insert + commit over JDBC on loopback (synchronous_commit=")
          .append(s.path("synchronous_commit").asText())
          .append(", fsync=")
          .append(s.path("fsync").asText())
          .append(", as DBOS uses it) | ")
          .append(fmt(s.path("p50Micros").asDouble()))
          .append(" µs | ")
          .append(fmt(s.path("p99Micros").asDouble()))
          .append(" µs | |\n");
    }
    if (f.has("redis")) {
      JsonNode s = f.get("redis");
      md.append(
              "| Redis XADD round trip from one client (redis-benchmark -c 1, same server as the Redis store) | ")
          .append(fmt(s.path("p50Micros").asDouble()))
          .append(" µs | – | ")
          .append(fmt(s.path("perSecond").asDouble()))
          .append(" XADD/s |\n");
    }
    if (f.has("fsync")) {
      JsonNode s = f.get("fsync");
      md.append(
              "| 4 KiB append + fdatasync on the work disk (what a power-loss-safe commit costs) | ")
          .append(fmt(s.path("p50Micros").asDouble()))
          .append(" µs | ")
          .append(fmt(s.path("p99Micros").asDouble()))
          .append(" µs | |\n");
    }
    md.append(
        "\nDurability differs: Spool's SQLite store (synchronous=NORMAL in WAL mode) survives a"
            + " process crash but may lose its last commits on power loss or an OS crash; DBOS's"
            + " PostgreSQL (synchronous_commit=on) and Restate (RocksDB WAL with fsync, its"
            + " default) survive both. The floors above show what that costs on this disk.\n\n");
  }

  void latency() throws IOException {
    JsonNode lat = r.path("latency");
    if (lat.isEmpty()) {
      return;
    }
    JsonNode plan = r.path("plan");
    md.append("## 10-step workflow latency and per-step overhead (concurrency 1)\n\n");
    md.append("One client starts a 10-step workflow of trivial steps and waits for its result, ")
        .append(plan.path("latencyRuns").asInt())
        .append(" times after ")
        .append(plan.path("latencyWarmup").asInt())
        .append(" warm-up runs, in each of ")
        .append(plan.path("rounds").asInt())
        .append(" rounds.\n\n");
    md.append(
        "| engine | p50 ms | p99 ms | per step p50 µs | p50 × Spool | per step ÷ floor |\n"
            + "|---|---|---|---|---|---|\n");
    double spool = lat.has("spool") ? latencySpread("spool", 50).median() : Double.NaN;
    Map<String, long[]> all = Report.ordered();
    for (String e : Report.names(lat)) {
      Stats.Spread p50 = latencySpread(e, 50);
      Stats.Spread p99 = latencySpread(e, 99);
      md.append("| ")
          .append(e)
          .append(" | ")
          .append(p50.ms())
          .append(" | ")
          .append(p99.ms())
          .append(" | ")
          .append(fmt(p50.median() / 10))
          .append(" | ")
          .append(ratio(p50.median() / spool))
          .append(" | ")
          .append(ratio(p50.median() / 10 / floorMicros(e)))
          .append(" (")
          .append(floorName(e))
          .append(") |\n");
      List<Long> merged = new ArrayList<>();
      for (JsonNode round : lat.get(e)) {
        for (long v : Stats.sorted(round)) {
          merged.add(v);
        }
      }
      all.put(e, merged.stream().mapToLong(Long::longValue).sorted().toArray());
    }
    Charts.cdf(
        dir.resolve(prefix + "-latency.png"),
        "10-step workflow latency, concurrency 1 (all rounds)",
        all);
    md.append("\n![latency distribution](").append(prefix).append("-latency.png)\n\n");
  }

  // ---- throughput ---------------------------------------------------------------------------

  private Stats.Spread throughputSpread(String engine, String c) {
    List<Double> v = new ArrayList<>();
    for (JsonNode round : r.path("throughput").path(engine).path(c)) {
      v.add(round.path("perSecond").asDouble());
    }
    return Stats.spread(v);
  }

  void throughput() throws IOException {
    JsonNode tp = r.path("throughput");
    if (tp.isEmpty()) {
      return;
    }
    JsonNode plan = r.path("plan");
    List<String> levels = Report.list(tp.path(Report.list(tp).get(0)));
    md.append("## 10-step workflows per second\n\n");
    md.append("C clients each start a workflow and wait for its result, again and again. After a")
        .append(" warm-up of at least ")
        .append(fmt(plan.path("throughputWarmupSeconds").asDouble()))
        .append(" s (and one completed run per client), counted are the runs that complete in a")
        .append(" window of at least ")
        .append(fmt(plan.path("throughputSeconds").asDouble()))
        .append(" s that also lasts until it saw one completion per client, so that no engine is")
        .append(" measured on a window shorter than its own runs. Cells: median [min–max]")
        .append(" workflows/s over rounds, then × Spool.\n\n");
    md.append("| engine |");
    levels.forEach(c -> md.append(" C = ").append(c).append(" |"));
    md.append("\n|---|");
    levels.forEach(c -> md.append("---|"));
    md.append("\n");
    Map<String, List<Double>> bars = Report.ordered();
    for (String e : Report.names(tp)) {
      md.append("| ").append(e).append(" |");
      List<Double> medians = new ArrayList<>();
      for (String c : levels) {
        Stats.Spread s = throughputSpread(e, c);
        double spool = throughputSpread("spool", c).median();
        long errors = 0;
        for (JsonNode round : tp.path(e).path(c)) {
          errors += round.path("errors").asLong();
        }
        md.append(" ").append(s.plain()).append(" (").append(ratio(s.median() / spool)).append(")");
        if (errors > 0) {
          md.append(", ").append(errors).append(" errors");
        }
        md.append(" |");
        medians.add(s.median());
      }
      md.append("\n");
      bars.put(e, medians);
    }
    for (String e : Report.names(tp)) {
      for (String c : levels) {
        for (JsonNode round : tp.path(e).path(c)) {
          if (round.has("firstError")) {
            md.append("\nErrors, ")
                .append(e)
                .append(" at C = ")
                .append(c)
                .append(": ")
                .append(round.path("errors").asLong())
                .append(" in a round, the first: `")
                .append(round.path("firstError").asText())
                .append("`\n");
            break;
          }
        }
      }
    }
    double commits = r.path("floors").path("sqlite").path("commitsPerSecond").asDouble(Double.NaN);
    if (!Double.isNaN(commits)) {
      md.append("\nCeiling on SQLite if each step cost exactly one bare commit from one thread: ")
          .append(fmt(commits / 10))
          .append(" workflows/s.\n");
    }
    Charts.bars(
        dir.resolve(prefix + "-throughput.png"),
        "10-step workflows per second by client concurrency (median of rounds)",
        "concurrent clients",
        "workflows / s (log scale)",
        true,
        levels,
        bars);
    md.append("\n![throughput](").append(prefix).append("-throughput.png)\n\n");
  }

  // ---- SSE ----------------------------------------------------------------------------------

  private Stats.Spread sseSpread(String key, String variant, String n, String field) {
    List<Double> v = new ArrayList<>();
    for (JsonNode round : r.path(key).path(variant).path(n)) {
      v.add(round.path(field).asDouble());
    }
    return Stats.spread(v);
  }

  void sse() throws IOException {
    if (!r.path("sse").has("sse")) {
      return;
    }
    JsonNode plan = r.path("plan");
    md.append("## Event stream latency, `ctx.progress` to subscriber\n\n");
    md.append("A run publishes ")
        .append(plan.path("sseEvents").asInt())
        .append(" progress events (after ")
        .append(plan.path("sseWarmupEvents").asInt())
        .append(" unmeasured ones) 20 ms apart; N subscribers follow that one run. **SSE**: ")
        .append("`SpoolClient.subscribe` over real HTTP to `SpoolServer`; **store**: threads ")
        .append("blocked in the store's own `awaitEvents`, no HTTP (the floor on SQLite); ")
        .append("**XREAD**: on Redis, a bare `XREAD BLOCK` client per subscriber on a stream a ")
        .append("publisher `XADD`s to at the same rate, no Spool code (the floor on Redis). Timed ")
        .append("from just before `ctx.progress` (or `XADD`) to the subscriber's callback, in one ")
        .append("JVM with one clock. Cells: median over rounds. DBOS and Restate have no SSE ")
        .append("endpoint for a workflow's progress and are not compared.\n\n");
    sseTable("sse", "SQLite", List.of("sse", "store"), "store");
    if (r.has("sseRedis")) {
      sseTable("sseRedis", "Redis", List.of("sse", "store", "xread"), "xread");
    }
  }

  private void sseTable(String key, String storeName, List<String> variants, String floor)
      throws IOException {
    JsonNode sse = r.path(key);
    List<String> levels = Report.list(sse.path("sse"));
    md.append("**").append(storeName).append(" store**\n\n| subscribers |");
    for (String v : variants) {
      md.append(" ").append(v).append(" p50 ms | ").append(v).append(" p99 ms |");
    }
    md.append(" SSE ÷ ").append(floor).append(" (p50) | SSE events delivered |\n|---|");
    for (String v : variants) {
      md.append("---|---|");
    }
    md.append("---|---|\n");
    Map<String, List<Double>> bars = Report.ordered();
    for (String n : levels) {
      md.append("| ").append(n).append(" |");
      for (String v : variants) {
        Stats.Spread p50 = sseSpread(key, v, n, "p50Micros");
        Stats.Spread p99 = sseSpread(key, v, n, "p99Micros");
        md.append(" ")
            .append(fmt(p50.median() / 1000))
            .append(" | ")
            .append(fmt(p99.median() / 1000))
            .append(" |");
        bars.computeIfAbsent(v + " p50", k -> new ArrayList<>()).add(p50.median() / 1000);
        bars.computeIfAbsent(v + " p99", k -> new ArrayList<>()).add(p99.median() / 1000);
      }
      long got = 0;
      long expected = 0;
      for (JsonNode round : sse.path("sse").path(n)) {
        got += round.path("received").asLong();
        expected += round.path("expected").asLong();
      }
      md.append(" ")
          .append(
              ratio(
                  sseSpread(key, "sse", n, "p50Micros").median()
                      / sseSpread(key, floor, n, "p50Micros").median()))
          .append(" | ")
          .append(got)
          .append(" / ")
          .append(expected)
          .append(" |\n");
    }
    String chart = prefix + "-" + key.toLowerCase(java.util.Locale.ROOT) + ".png";
    Charts.bars(
        dir.resolve(chart),
        "ctx.progress to subscriber on " + storeName + ", by subscribers on one run",
        "subscribers",
        "latency (ms, log scale)",
        true,
        levels,
        bars);
    md.append("\n![event stream latency on ")
        .append(storeName)
        .append("](")
        .append(chart)
        .append(")\n\n");
  }

  // ---- waiting, recovery, JMH -----------------------------------------------------------------

  void waiting() throws IOException {
    JsonNode w = r.path("waiting");
    if (w.isEmpty()) {
      return;
    }
    md.append("## Waiting runs held by one worker\n\n");
    md.append(
            "N runs started one after another on a fresh SQLite store and one worker (concurrency")
        .append(
            " N + 16, default lease settings) in a fresh JVM (-Xmx8g). **sleep**: each run is in")
        .append(" `ctx.sleep(60 min)` with `suspendAfter` raised to 2 h so that the run stays on")
        .append(" the worker (by default a sleep over 30 s releases the worker and the waiting run")
        .append(" costs it nothing); **http**: each run is in a step blocked on a JDK `HttpClient`")
        .append(" POST to a server (another process) that never answers, like a slow LLM call.")
        .append(" Heap per run = heap after full GC with N waiting − heap before, ÷ N. The largest")
        .append(" N of each kind is then held for a while: a run whose lease lapsed would be")
        .append(
            " re-executed (its body entered again), which the last column counts from the start;")
        .append(" a run in an HTTP call that is re-executed makes its call again.\n\n");
    md.append(
        "| kind | runs | bodies that reached the wait (re-executions included) | starting them (s) | all waiting after (s) | heap per run | heap for all | process RSS | held at the end | re-executed after a lost lease |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|\n");
    Map<String, List<Double>> bars = Report.ordered();
    List<String> cats = new ArrayList<>();
    for (JsonNode x : w) {
      String kind = x.path("kind").asText();
      md.append("| ")
          .append(kind)
          .append(" | ")
          .append(x.path("runs").asInt())
          .append(" | ")
          .append(x.path("reachedWait").asInt())
          .append(" | ")
          .append(fmt(x.path("startSeconds").asDouble()))
          .append(" | ")
          .append(fmt(x.path("rampSeconds").asDouble()))
          .append(" | ")
          .append(fmt(x.path("heapPerRunBytes").asDouble() / 1024))
          .append(" KiB | ")
          .append(
              fmt(
                  (x.path("heapAfterBytes").asDouble() - x.path("heapBeforeBytes").asDouble())
                      / 1048576))
          .append(" MiB | ")
          .append(fmt(x.path("rssBytes").asDouble() / 1048576))
          .append(" MiB | ")
          .append(
              x.path("holdSeconds").asInt() > 0
                  ? x.path("activeAtEnd").asInt() + " after " + x.path("holdSeconds").asInt() + " s"
                  : "–")
          .append(" | ")
          .append(x.path("holdSeconds").asInt() > 0 ? x.path("reExecuted").asText() : "–")
          .append(" |\n");
      String cat = Integer.toString(x.path("runs").asInt());
      if (!cats.contains(cat)) {
        cats.add(cat);
      }
    }
    for (JsonNode x : w) {
      bars.computeIfAbsent(
              x.path("kind").asText(),
              k -> new ArrayList<>(java.util.Collections.nCopies(cats.size(), Double.NaN)))
          .set(
              cats.indexOf(Integer.toString(x.path("runs").asInt())),
              x.path("heapPerRunBytes").asDouble() / 1024);
    }
    Charts.bars(
        dir.resolve(prefix + "-waiting.png"),
        "heap per waiting run",
        "waiting runs",
        "KiB per run",
        false,
        cats,
        bars);
    md.append("\n![heap per waiting run](").append(prefix).append("-waiting.png)\n\n");
  }

  void jmh() {
    JsonNode j = r.path("jmh");
    if (j.isEmpty()) {
      return;
    }
    md.append("## JMH micro-benchmarks (Spool in-process)\n\n");
    md.append("`WorkflowBench.run`: one run of the benchmark workflow, start to terminal event, on")
        .append(" the in-memory store (the engine alone) and on SQLite. `StoreBench`: the SQLite")
        .append(" store's `createRun` beside one bare write transaction. Sample-time mode; JMH")
        .append(" options `")
        .append(
            String.join(
                " ",
                Report.list(r.path("plan")).contains("jmh")
                    ? toStrings(r.path("plan").path("jmh"))
                    : List.of()))
        .append(
            "`.\n\n| benchmark | params | p50 µs | p99 µs | mean µs |\n|---|---|---|---|---|\n");
    for (JsonNode b : j) {
      md.append("| ")
          .append(b.path("benchmark").asText())
          .append(" | ")
          .append(
              b.path("params").isMissingNode() || b.path("params").isNull()
                  ? ""
                  : b.path("params").toString().replace("\"", "").replace("|", "/"))
          .append(" | ")
          .append(fmt(b.path("p50").asDouble()))
          .append(" | ")
          .append(fmt(b.path("p99").asDouble()))
          .append(" | ")
          .append(fmt(b.path("mean").asDouble()))
          .append(" |\n");
    }
    md.append("\n");
    double bare = jmhP50(j, "StoreBench.bareCommit", null, null);
    for (String store : List.of("memory", "sqlite")) {
      double zero = jmhP50(j, "WorkflowBench.run", store, "0");
      double ten = jmhP50(j, "WorkflowBench.run", store, "10");
      if (!Double.isNaN(zero) && !Double.isNaN(ten)) {
        double step = (ten - zero) / 10;
        md.append("- Marginal cost of a step on ")
            .append(store)
            .append(" (p50 of 10 steps − p50 of")
            .append(" 0 steps, ÷ 10): ")
            .append(fmt(step))
            .append(" µs");
        if (store.equals("sqlite") && !Double.isNaN(bare)) {
          md.append(" = ").append(ratio(step / bare)).append(" one bare commit");
        }
        md.append("; a run's own cost (0 steps): ").append(fmt(zero)).append(" µs.\n");
      }
    }
    if (!Double.isNaN(bare)) {
      md.append("- `createRun`: ")
          .append(ratio(jmhP50(j, "StoreBench.createRun", null, null) / bare))
          .append(" one bare commit (p50).\n");
    }
    md.append("\n");
  }

  private static double jmhP50(JsonNode rows, String benchmark, String store, String steps) {
    for (JsonNode b : rows) {
      if (b.path("benchmark").asText().equals(benchmark)
          && (store == null || b.path("params").path("store").asText().equals(store))
          && (steps == null || b.path("params").path("steps").asText().equals(steps))) {
        return b.path("p50").asDouble();
      }
    }
    return Double.NaN;
  }

  private static List<String> toStrings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  void redis() {
    md.append("## Redis\n\n");
    JsonNode a = r.path("redisAppends");
    if (a.isMissingNode()) {
      md.append(
              r.path("redis")
                  .asText(
                      "Not measured in this pass: no Redis server could be started (see Skipped), so"
                          + " there are no Redis variants."))
          .append("\n\n");
      return;
    }
    md.append("The Redis store (`spool-store-redis`) runs against a `redis-server` the script")
        .append(" started on a free loopback port with `appendonly yes, appendfsync everysec`")
        .append(" (an acknowledged event may be lost on power loss, not on a Redis crash). Its")
        .append(" per-step overhead and throughput are the `spool-redis` rows above.\n\n");
    md.append("**Event appends per second** (C clients, each committing one small event at a time")
        .append(" to a run whose lease it holds, through `RunStore.commit`: fenced Lua script plus")
        .append(
            " XADD), beside `redis-benchmark` XADD with the same client count on the same server:\n\n");
    md.append(
        "| clients | Spool appends/s | redis-benchmark XADD/s | Spool ÷ XADD |\n|---|---|---|---|\n");
    for (String c : Report.names(a.path("spool"))) {
      double spool = a.path("spool").path(c).asDouble();
      double xadd = a.path("redisBenchmark").path(c).path("perSecond").asDouble(Double.NaN);
      md.append("| ")
          .append(c)
          .append(" | ")
          .append(fmt(spool))
          .append(" | ")
          .append(fmt(xadd))
          .append(" | ")
          .append(ratio(spool / xadd))
          .append(" |\n");
    }
    md.append("\n");
  }

  void method() {
    JsonNode plan = r.path("plan");
    md.append("## How it was measured\n\n");
    md.append(
            "- Each engine runs in a JVM of its own (same JDK, `-Xmx1g`, JVM defaults otherwise),")
        .append(
            " started and warmed up before the first round; rounds rotate the order of the engines.\n");
    md.append("- The workload is the same everywhere: a workflow of 10 sequential steps, each")
        .append(
            " returning a short string and checkpointed by the engine; no sleeps, no progress events.\n");
    md.append(
            "- Spool: `Spool.start` + `Spool.follow` in-process (worker in the same JVM, SQLite file);")
        .append(" spool-http: `SpoolClient` → `SpoolServer` over loopback HTTP (start, then")
        .append(" `result?wait=`), worker in the server's JVM. DBOS: the `@Workflow` method called")
        .append(" through DBOS's proxy, steps with `runStep`, PostgreSQL on loopback. Restate: the")
        .append(
            " client POSTs to the ingress of a Restate server started for the pass inside a network")
        .append(
            " namespace with only loopback; the service endpoint (Java SDK) and the client share a JVM there.\n");
    md.append("- Latencies are recorded per run (µs) and summarised per round; percentiles with")
        .append(" HdrHistogram under load. Throughput windows count completions, not starts.\n");
    md.append("- Plan of this pass: `").append(plan.toString()).append("`.\n\n");
  }

  void errors() {
    JsonNode e = r.path("errors");
    if (e.isEmpty()) {
      return;
    }
    md.append("## Failures in this pass\n\n");
    for (String k : Report.names(e)) {
      md.append("- ").append(k).append(": ").append(e.get(k).asText()).append("\n");
    }
    md.append("\n");
  }

  private void row(String k, String v) {
    md.append("| ").append(k).append(" | ").append(v).append(" |\n");
  }
}
