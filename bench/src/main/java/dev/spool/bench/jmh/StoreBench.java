package dev.spool.bench.jmh;

import dev.spool.RunIds;
import dev.spool.store.NewRun;
import dev.spool.store.sqlite.SqliteRunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The SQLite store's write path beside its floor: creating a run (what every start costs) and one
 * bare write transaction of one small row with the store's journal settings.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StoreBench {
  private SqliteRunStore store;
  private Connection bare;
  private Statement tx;
  private PreparedStatement insert;

  @Setup(Level.Trial)
  public void open() throws Exception {
    Path dir = Files.createTempDirectory("spool-jmh");
    store = SqliteRunStore.open(dir.resolve("store.db"));
    bare = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bare.db"));
    tx = bare.createStatement();
    tx.execute("PRAGMA journal_mode=WAL");
    tx.execute("PRAGMA synchronous=NORMAL");
    tx.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
    insert = bare.prepareStatement("INSERT INTO t (v) VALUES (?)");
  }

  @Benchmark
  public Object createRun() {
    Instant now = Instant.now();
    return store.createRun(
        new NewRun(
            RunIds.next(now),
            "bench-steps",
            "1",
            "{\"steps\":10}",
            Optional.empty(),
            "default",
            now));
  }

  @Benchmark
  public int bareCommit() throws SQLException {
    tx.execute("BEGIN IMMEDIATE");
    insert.setString(1, "x".repeat(200));
    int n = insert.executeUpdate();
    tx.execute("COMMIT");
    return n;
  }

  @TearDown(Level.Trial)
  public void close() throws SQLException {
    store.close();
    bare.close();
  }
}
