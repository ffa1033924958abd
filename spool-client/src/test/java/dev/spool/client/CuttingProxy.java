package dev.spool.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real TCP proxy on loopback that forwards each connection to a target port and cuts it (closes
 * both sides) after the target has sent a random number of bytes, drawn from a seeded random per
 * connection: the cut lands anywhere, in the response headers or in the middle of an event.
 */
final class CuttingProxy implements AutoCloseable {
  private final int targetPort;
  private final Random random;
  private final int minBytes;
  private final int maxBytes;
  private final ServerSocket listener;
  private final Thread acceptor;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<Thread> pumps = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger cuts = new AtomicInteger();
  private volatile boolean closed;

  /** Cuts every connection after {@code minBytes..maxBytes} bytes from the target. */
  CuttingProxy(int targetPort, long seed, int minBytes, int maxBytes) throws IOException {
    this.targetPort = targetPort;
    this.random = new Random(seed);
    this.minBytes = minBytes;
    this.maxBytes = maxBytes;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = Thread.ofVirtual().name("proxy-accept").start(this::acceptLoop);
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  /** Connections the proxy accepted. */
  int accepted() {
    return accepted.get();
  }

  /** Connections the proxy cut (the rest ended on their own). */
  int cuts() {
    return cuts.get();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      accepted.incrementAndGet();
      int budget;
      synchronized (random) {
        budget = minBytes + random.nextInt(maxBytes - minBytes + 1);
      }
      try {
        Socket target = new Socket();
        sockets.add(client);
        sockets.add(target);
        target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
        pumps.add(Thread.ofVirtual().start(() -> pump(client, target, Long.MAX_VALUE)));
        pumps.add(Thread.ofVirtual().start(() -> pump(target, client, budget)));
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  /** Copies {@code from} to {@code to}; after {@code budget} bytes, cuts both. */
  private void pump(Socket from, Socket to, long budget) {
    byte[] buf = new byte[4096];
    long left = budget;
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      while (true) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          break;
        }
        out.write(buf, 0, n);
        out.flush();
        left -= n;
        if (left == 0) {
          cuts.incrementAndGet();
          break;
        }
      }
    } catch (IOException e) {
      // the other pump closed the sockets, or a side went away
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing more to release
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
    sockets.forEach(CuttingProxy::closeQuietly);
    try {
      acceptor.join();
      for (Thread t : pumps) {
        t.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
