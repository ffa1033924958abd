package dev.spool.bench.proc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The child side of the harness protocol: one JSON command per line on stdin, one reply per command
 * on stdout, marked with {@link #MARK} so that whatever a library prints to stdout is not taken for
 * a reply.
 */
public final class Protocol {
  /** Starts every reply line. */
  public static final String MARK = "@@ ";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PrintStream OUT = System.out;

  private Protocol() {}

  /** Answers one command. */
  @FunctionalInterface
  public interface Handler {
    Map<String, Object> handle(JsonNode command) throws Exception;
  }

  public static ObjectMapper json() {
    return JSON;
  }

  /** Serves commands until stdin ends or {@code {"op":"quit"}} arrives. */
  public static void serve(Handler handler) throws Exception {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode cmd = JSON.readTree(line);
      if ("quit".equals(cmd.path("op").asText())) {
        reply(Map.of("ok", true));
        return;
      }
      try {
        reply(handler.handle(cmd));
      } catch (Exception | Error e) {
        e.printStackTrace();
        reply(error(e));
      }
    }
  }

  /** Writes one reply line. */
  public static synchronized void reply(Map<String, Object> result) {
    try {
      OUT.println(MARK + JSON.writeValueAsString(result));
      OUT.flush();
    } catch (Exception e) {
      throw new IllegalStateException("cannot write reply", e);
    }
  }

  public static Map<String, Object> error(Throwable e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", e.toString());
    return m;
  }
}
