package dev.spool.bench.report;

import static dev.spool.bench.report.Stats.fmt;
import static dev.spool.bench.report.Stats.ratio;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report's sections on Spool alone (no peer to compare with): event stream latency, waiting
 * runs, JMH and Redis appends.
 */
final class SpoolSections extends ReportPart {
  SpoolSections(JsonNode r, Path dir, String prefix, StringBuilder md) {
    super(r, dir, prefix, md);
  }

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
}
