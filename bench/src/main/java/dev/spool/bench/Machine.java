package dev.spool.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.bench.proc.Protocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the figures were measured on. */
public final class Machine {
  private Machine() {}

  public static ObjectNode describe() {
    ObjectNode m = Protocol.json().createObjectNode();
    m.put("cpu", firstValue("/proc/cpuinfo", "model name").orElse("unknown CPU"));
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put(
        "memoryGiB",
        firstValue("/proc/meminfo", "MemTotal")
            .map(v -> Math.round(Long.parseLong(v.replaceAll("\\D", "")) / 1024.0 / 1024.0))
            .orElse(-1L));
    m.put("os", firstValue("/etc/os-release", "PRETTY_NAME").orElse(System.getProperty("os.name")));
    m.put("kernel", System.getProperty("os.version"));
    m.put(
        "jdk",
        System.getProperty("java.vm.vendor")
            + " "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version"));
    m.put("loadAverageAtStart", loadAverage());
    return m;
  }

  /** The 1, 5 and 15 minute load averages, as {@code /proc/loadavg} shows them. */
  public static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return "unknown";
    }
  }

  private static java.util.Optional<String> firstValue(String file, String key) {
    try {
      List<String> lines = Files.readAllLines(Path.of(file));
      for (String line : lines) {
        int sep = line.indexOf(line.contains("=") && !line.contains(":") ? '=' : ':');
        if (sep > 0 && line.substring(0, sep).trim().equals(key)) {
          return java.util.Optional.of(line.substring(sep + 1).trim().replace("\"", ""));
        }
      }
    } catch (Exception e) {
      // not Linux
    }
    return java.util.Optional.empty();
  }
}
