package dev.spool.store.sqlite.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Notices commits made through other connections, other processes' included, by polling {@code
 * PRAGMA data_version} on a connection of its own (the value changes whenever another connection
 * commits), and bumps the {@link ChangeSignal}. It polls only while someone waits. Commits through
 * this store's own writer bump the signal directly and need no polling.
 */
public final class ExternalWriteWatcher implements AutoCloseable {
  static final Duration POLL = Duration.ofMillis(25);

  private final Connection connection;
  private final ChangeSignal signal;
  private final Thread thread;

  public ExternalWriteWatcher(Connection connection, ChangeSignal signal, String name) {
    this.connection = connection;
    this.signal = signal;
    this.thread = Thread.ofPlatform().daemon().name(name).start(this::run);
  }

  private void run() {
    try {
      long seen = 0;
      while (true) {
        boolean fresh = signal.awaitWaiters();
        long current;
        try {
          current = dataVersion();
        } catch (SQLException e) {
          // Cannot tell: let the waiters re-read for themselves, then try again.
          signal.bump();
          Thread.sleep(POLL);
          continue;
        }
        // After an idle spell a commit may have slipped in before this first look: wake once.
        if (fresh || current != seen) {
          signal.bump();
        }
        seen = current;
        Thread.sleep(POLL);
      }
    } catch (InterruptedException e) {
      // close() asked us to stop.
    }
  }

  private long dataVersion() throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA data_version")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() {
    thread.interrupt();
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    try {
      connection.close();
    } catch (SQLException e) {
      // Best effort: the watcher only ever read.
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
