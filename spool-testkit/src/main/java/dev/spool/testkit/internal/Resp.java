package dev.spool.testkit.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The smallest Redis client that test fixtures need (PING, FLUSHALL, CLUSTER …): one blocking
 * socket, RESP2 replies as {@code String}, {@code Long}, {@code List} or {@code null}. Not for
 * production use; the store has Lettuce.
 */
public final class Resp implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private Resp(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Connects to 127.0.0.1:{@code port}, failing after {@code timeoutMillis}. */
  public static Resp connect(int port, int timeoutMillis) throws IOException {
    Socket s = new Socket();
    try {
      s.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
      s.setSoTimeout(30_000);
      return new Resp(s);
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  /** Sends one command and reads its reply; an error reply throws {@link RespError}. */
  public Object call(String... args) {
    try {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      buf.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
      for (String a : args) {
        byte[] b = a.getBytes(StandardCharsets.UTF_8);
        buf.write(("$" + b.length + "\r\n").getBytes(StandardCharsets.UTF_8));
        buf.write(b);
        buf.write("\r\n".getBytes(StandardCharsets.UTF_8));
      }
      out.write(buf.toByteArray());
      out.flush();
      return read();
    } catch (IOException e) {
      throw new UncheckedIOException("Redis command " + args[0] + " failed: " + e.getMessage(), e);
    }
  }

  private Object read() throws IOException {
    int type = in.read();
    String line = line();
    return switch (type) {
      case '+' -> line;
      case '-' -> throw new RespError(line);
      case ':' -> Long.parseLong(line);
      case '$' -> bulk(Integer.parseInt(line));
      case '*' -> {
        int n = Integer.parseInt(line);
        if (n < 0) {
          yield null;
        }
        List<Object> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          try {
            items.add(read());
          } catch (RespError e) {
            items.add(e);
          }
        }
        yield items;
      }
      case -1 -> throw new IOException("connection closed by Redis");
      default -> throw new IOException("unexpected RESP type '" + (char) type + "'");
    };
  }

  private String bulk(int len) throws IOException {
    if (len < 0) {
      return null;
    }
    byte[] b = in.readNBytes(len + 2);
    return new String(b, 0, len, StandardCharsets.UTF_8);
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\r') {
        in.read(); // '\n'
        break;
      }
      b.write(c);
    }
    return b.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }

  /** An error reply from Redis. */
  public static final class RespError extends RuntimeException {
    public RespError(String message) {
      super(message);
    }
  }
}
