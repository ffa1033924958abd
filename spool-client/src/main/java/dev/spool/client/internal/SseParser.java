package dev.spool.client.internal;

import dev.spool.client.SpoolClientException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads server-sent events from a byte stream as the HTML Living Standard's "event stream
 * interpretation" says: UTF-8, lines ending in CRLF, LF or CR, comments, {@code data} lines joined
 * by LF, {@code id} without NUL, {@code retry} digits only, and an unfinished event at the end of
 * the stream discarded. Not thread-safe: one reader per stream.
 */
public final class SseParser {
  private static final String BOM = "\uFEFF";

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buf = new byte[8192];
  private int pos;
  private int limit;
  private byte[] line = new byte[256];
  private int lineLength;
  private boolean afterCr;
  private boolean firstLine = true;
  private boolean eof;
  private String lastEventId = "";
  private OptionalLong retryMillis = OptionalLong.empty();

  /**
   * @param maxLineBytes the longest line accepted; a longer one is a {@link SpoolClientException}
   */
  public SseParser(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * The next event, blocking until it is complete; empty at the end of the stream.
   *
   * @throws IOException when reading fails
   * @throws SpoolClientException when a line is longer than the limit
   */
  public Optional<SseMessage> next() throws IOException {
    StringBuilder data = new StringBuilder();
    String type = "";
    Optional<String> id = Optional.empty();
    while (true) {
      String l = readLine();
      if (l == null) {
        return Optional.empty();
      }
      if (l.isEmpty()) {
        if (data.isEmpty()) {
          type = "";
          id = Optional.empty();
          continue;
        }
        data.setLength(data.length() - 1);
        return Optional.of(new SseMessage(type.isEmpty() ? "message" : type, data.toString(), id));
      }
      if (l.charAt(0) == ':') {
        continue;
      }
      int colon = l.indexOf(':');
      String field = colon < 0 ? l : l.substring(0, colon);
      String value = "";
      if (colon >= 0) {
        int start = colon + 1;
        if (start < l.length() && l.charAt(start) == ' ') {
          start++;
        }
        value = l.substring(start);
      }
      switch (field) {
        case "event" -> type = value;
        case "data" -> data.append(value).append('\n');
        case "id" -> {
          if (value.indexOf('\0') < 0) {
            lastEventId = value;
            id = Optional.of(value);
          }
        }
        case "retry" -> {
          if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
              retryMillis = OptionalLong.of(Long.parseLong(value));
            } catch (NumberFormatException tooLong) {
              // more digits than a long holds: no sensible delay, ignored like any bad value
            }
          }
        }
        default -> {
          // unknown fields are ignored, as the spec says
        }
      }
    }
  }

  /** The last {@code id:} seen, carried across events as the spec says; empty before any. */
  public String lastEventId() {
    return lastEventId;
  }

  /** The reconnection time the server last asked for with {@code retry:}. */
  public OptionalLong retryMillis() {
    return retryMillis;
  }

  /** The next line without its end, or null at the end of the stream (a partial last line too). */
  private String readLine() throws IOException {
    lineLength = 0;
    while (true) {
      if (pos == limit) {
        if (eof || !fill()) {
          return null;
        }
      }
      byte b = buf[pos++];
      if (afterCr) {
        afterCr = false;
        if (b == '\n') {
          continue;
        }
      }
      if (b == '\n' || b == '\r') {
        afterCr = b == '\r';
        return decodeLine();
      }
      append(b);
    }
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    while (n == 0) {
      n = in.read(buf, 0, buf.length);
    }
    if (n < 0) {
      eof = true;
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  private void append(byte b) {
    if (lineLength >= maxLineBytes) {
      throw new SpoolClientException(
          "the event stream sent a line longer than " + maxLineBytes + " bytes");
    }
    if (lineLength == line.length) {
      line = Arrays.copyOf(line, Math.min(maxLineBytes, line.length * 2));
    }
    line[lineLength++] = b;
  }

  private String decodeLine() {
    // Line ends are ASCII, never inside a multi-byte sequence, so decoding per line is exact.
    String s = new String(line, 0, lineLength, StandardCharsets.UTF_8);
    if (firstLine) {
      firstLine = false;
      if (s.startsWith(BOM)) {
        s = s.substring(1);
      }
    }
    return s;
  }
}
