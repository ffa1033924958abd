package dev.spool.client.internal;

import java.nio.charset.StandardCharsets;

/** The API's paths, with every caller-given part percent-encoded so it stays one path segment. */
public final class Paths {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private Paths() {}

  public static String run(String runId) {
    return "/v1/runs/" + encode(runId);
  }

  public static String startRun(String workflow) {
    return "/v1/workflows/" + encode(workflow) + "/runs";
  }

  public static String events(String runId, long after) {
    return run(runId) + "/events?after=" + after;
  }

  public static String signal(String runId, String name) {
    return run(runId) + "/signals/" + encode(name);
  }

  /** RFC 3986: everything but unreserved characters as {@code %XX} of its UTF-8 bytes. */
  public static String encode(String s) {
    if (s.equals(".") || s.equals("..")) {
      return s.replace(".", "%2E"); // a dot segment would otherwise name the parent path
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        sb.append(c);
      } else {
        sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return sb.toString();
  }
}
