package dev.spool.bench.waiting;

import dev.spool.bench.proc.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a slow LLM provider: accepts HTTP connections on loopback, reads each request and
 * never answers, holding the connection open until this process ends. Runs in a process of its own
 * so that its memory is not counted in the worker's heap.
 */
public final class SlowServer {
  private static final AtomicInteger HELD = new AtomicInteger();

  private SlowServer() {}

  public static void main(String[] args) throws Exception {
    ServerSocket server = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(() -> acceptLoop(server));
    Protocol.reply(Map.of("port", server.getLocalPort()));
    Protocol.serve(cmd -> Map.of("held", HELD.get()));
    System.exit(0);
  }

  private static void acceptLoop(ServerSocket server) {
    while (true) {
      try {
        Socket s = server.accept();
        Thread.ofVirtual().start(() -> hold(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void hold(Socket s) {
    try (s;
        InputStream in = s.getInputStream()) {
      int state = 0; // counts the bytes of "\r\n\r\n" seen in a row
      int b;
      while (state < 4 && (b = in.read()) >= 0) {
        state = (b == (state % 2 == 0 ? '\r' : '\n')) ? state + 1 : (b == '\r' ? 1 : 0);
      }
      HELD.incrementAndGet();
      while (in.read() >= 0) {
        // the client sends nothing more; this blocks until it hangs up
      }
    } catch (IOException e) {
      // the client went away
    } finally {
      HELD.decrementAndGet();
    }
  }
}
