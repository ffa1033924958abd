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
final class Sections extends ReportPart {
  Sections(JsonNode r, Path dir, String prefix, StringBuilder md) {
    super(r, dir, prefix, md);
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
