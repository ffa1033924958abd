package dev.spool.cli.internal;

import dev.spool.Event;
import java.util.concurrent.locks.ReentrantLock;

/** Prints exactly one event per line, in the wire format, and nothing else on stdout. */
final class JsonEventPrinter implements EventPrinter {
  private final Io io;
  private final ReentrantLock lock = new ReentrantLock();

  JsonEventPrinter(Io io) {
    this.io = io;
  }

  @Override
  public void header(String runId, String workflow, String version) {}

  /** Notes go to stderr so that stdout stays one event per line. */
  @Override
  public void note(String text) {
    io.error(text);
  }

  @Override
  public void accept(Event event) {
    lock.lock();
    try {
      io.out().println(event.toJson());
      io.out().flush();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void finish() {
    io.out().flush();
  }
}
