package dev.spool.store.sqlite.internal;

import dev.spool.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteOpenMode;

/**
 * The connections to one SQLite file: a single writer, guarded by a lock because SQLite admits one
 * writer at a time anyway, and a small pool of readers, which WAL lets run beside the writer.
 */
public final class Database implements AutoCloseable {
  /** How long a write waits for another process's write lock before failing. */
  static final int BUSY_TIMEOUT_MILLIS = 10_000;

  private static final int READERS = 4;

  private final Path file;
  private final Connection writer;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final ConcurrentLinkedQueue<Connection> idleReaders = new ConcurrentLinkedQueue<>();
  private final Semaphore readerPermits = new Semaphore(READERS);
  private volatile boolean closed;

  private Database(Path file, Connection writer, List<Connection> readers) {
    this.file = file;
    this.writer = writer;
    idleReaders.addAll(readers);
  }

  /**
   * Opens the file, switches it to WAL and applies pending migrations.
   *
   * @param mustExist open without the create flag, so a missing file is an error, not a new store
   */
  public static Database open(Path file, boolean mustExist) {
    List<Connection> opened = new ArrayList<>();
    try {
      Connection writer = connect(file, !mustExist, false);
      opened.add(writer);
      if (mustExist) {
        Migrations.requireStore(writer, file);
      }
      enableWal(writer, file);
      try (Statement st = writer.createStatement()) {
        // NORMAL in WAL mode survives a process crash; only the last transactions before a power
        // loss or OS crash may be lost, which is the trade for not syncing on every commit.
        st.execute("PRAGMA synchronous = NORMAL");
      }
      Migrations.apply(writer, file);
      for (int i = 0; i < READERS; i++) {
        opened.add(connect(file, false, true));
      }
      return new Database(file, writer, opened.subList(1, opened.size()));
    } catch (SQLException e) {
      closeAll(opened);
      throw new StoreException("cannot open Spool store at " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeAll(opened);
      throw e;
    }
  }

  /**
   * Switches the file to WAL. Switching takes an exclusive lock, and SQLite answers BUSY at once,
   * without waiting on the busy timeout, when other connections are opening the same new file at
   * the same moment; so this retries until the busy timeout has passed.
   */
  private static void enableWal(Connection writer, Path file) throws SQLException {
    long deadline = System.nanoTime() + BUSY_TIMEOUT_MILLIS * 1_000_000L;
    while (true) {
      try (Statement st = writer.createStatement();
          ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
        String mode = rs.next() ? rs.getString(1) : "?";
        if (!"wal".equalsIgnoreCase(mode)) {
          throw new StoreException(
              "cannot use " + file + ": SQLite refused WAL mode (journal mode is " + mode + ")");
        }
        return;
      } catch (SQLException e) {
        if (!isBusy(e) || System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(5 + ThreadLocalRandom.current().nextInt(20));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static boolean isBusy(SQLException e) {
    return e.getErrorCode() == SQLiteErrorCode.SQLITE_BUSY.code
        || e.getErrorCode() == SQLiteErrorCode.SQLITE_LOCKED.code;
  }

  /**
   * {@code PRAGMA data_version} on the writer connection. It moves when another connection commits
   * (another process, or another store open on the file) and never for this store's own writes.
   */
  public long externalVersion() {
    writeLock.lock();
    try {
      ensureOpen();
      try (Statement st = writer.createStatement();
          ResultSet rs = st.executeQuery("PRAGMA data_version")) {
        rs.next();
        return rs.getLong(1);
      } catch (SQLException e) {
        throw failure("read data_version", e);
      }
    } finally {
      writeLock.unlock();
    }
  }

  /** A read-only connection of its own, for a component that polls (and closes it). */
  public Connection openReader() {
    try {
      return connect(file, false, true);
    } catch (SQLException e) {
      throw new StoreException("cannot open a connection to " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code work} in a {@code BEGIN IMMEDIATE} transaction on the writer: it takes SQLite's
   * write lock up front, so it never fails half-way on a lock another process holds. Any exception
   * rolls back; {@link SQLException}s become {@link StoreException}s naming {@code operation}.
   */
  public <T> T write(String operation, SqlWork<T> work) {
    writeLock.lock();
    try {
      ensureOpen();
      exec(operation, "BEGIN IMMEDIATE");
      boolean done = false;
      try {
        T result = work.apply(writer);
        exec(operation, "COMMIT");
        done = true;
        return result;
      } catch (SQLException e) {
        throw failure(operation, e);
      } finally {
        if (!done) {
          rollbackQuietly();
        }
      }
    } finally {
      writeLock.unlock();
    }
  }

  /** Runs {@code work} on a pooled reader connection (each statement its own snapshot). */
  public <T> T read(String operation, SqlWork<T> work) {
    ensureOpen();
    readerPermits.acquireUninterruptibly();
    Connection c = idleReaders.poll();
    try {
      ensureOpen();
      return work.apply(c);
    } catch (SQLException e) {
      throw failure(operation, e);
    } finally {
      idleReaders.add(c);
      readerPermits.release();
    }
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    writeLock.lock();
    try {
      closeAll(List.of(writer));
    } finally {
      writeLock.unlock();
    }
    readerPermits.acquireUninterruptibly(READERS);
    closeAll(new ArrayList<>(idleReaders));
  }

  private void ensureOpen() {
    if (closed) {
      throw new StoreException("Spool store at " + file + " is closed");
    }
  }

  private void exec(String operation, String sql) {
    try (Statement st = writer.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw failure(operation, e);
    }
  }

  private void rollbackQuietly() {
    try (Statement st = writer.createStatement()) {
      st.execute("ROLLBACK");
    } catch (SQLException e) {
      // No transaction left to roll back (SQLite already ended it); nothing to undo.
    }
  }

  private StoreException failure(String operation, SQLException e) {
    return new StoreException(operation + " failed on " + file + ": " + e.getMessage(), e);
  }

  private static Connection connect(Path file, boolean create, boolean readOnly)
      throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    if (!create) {
      config.resetOpenMode(SQLiteOpenMode.CREATE);
    }
    Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    if (readOnly) {
      try (Statement st = c.createStatement()) {
        st.execute("PRAGMA query_only = 1");
      } catch (SQLException e) {
        c.close();
        throw e;
      }
    }
    return c;
  }

  private static void closeAll(List<Connection> connections) {
    for (Connection c : connections) {
      try {
        c.close();
      } catch (SQLException e) {
        // Closing is best effort; the file stays consistent either way.
      }
    }
  }
}
