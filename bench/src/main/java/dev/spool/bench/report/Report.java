package dev.spool.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.bench.proc.Protocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes the Markdown report and its charts from one pass's results. Also a main, to write the
 * report again from a results file: {@code Report RESULTS.json OUT_DIR PREFIX}.
 */
public final class Report {
  private Report() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    write(Protocol.json().readTree(Path.of(args[0]).toFile()), Path.of(args[1]), args[2]);
  }

  public static Path write(JsonNode r, Path dir, String prefix) throws IOException {
    StringBuilder md = new StringBuilder();
    Sections s = new Sections(r, dir, prefix, md);
    SpoolSections spool = new SpoolSections(r, dir, prefix, md);
    boolean quick = r.path("label").asText().equals("quick");
    md.append("# Spool benchmarks, ")
        .append(r.path("date").asText())
        .append(quick ? " (quick pass)" : " (full pass)")
        .append("\n\n");
    md.append("Produced by `bench/run.sh")
        .append(quick ? " --quick" : "")
        .append("` in one pass of ")
        .append(r.path("benchSeconds").asLong())
        .append(" s; every figure below was measured in that pass (raw data: `")
        .append(prefix)
        .append("-results.json`).");
    if (quick) {
      md.append(
          " A quick pass runs few rounds with short windows: it checks the harness and gives"
              + " rough figures; quote the full pass.");
    }
    md.append("\n\n");
    s.machine();
    s.skipsAndNotes();
    s.headline();
    s.floors();
    s.latency();
    s.throughput();
    spool.sse();
    spool.waiting();
    RecoverySection.append(r.path("recovery"), md);
    ChaosSection.append(r.path("chaos"), md);
    spool.jmh();
    spool.redis();
    s.method();
    s.errors();
    Path file = dir.resolve(prefix + "-report.md");
    Files.writeString(file, md.toString());
    return file;
  }

  static Iterable<String> names(JsonNode object) {
    return () -> {
      Iterator<String> it = object.fieldNames();
      return it;
    };
  }

  static List<String> list(JsonNode object) {
    List<String> out = new java.util.ArrayList<>();
    names(object).forEach(out::add);
    return out;
  }

  static <K, V> Map<K, V> ordered() {
    return new java.util.LinkedHashMap<>();
  }
}
