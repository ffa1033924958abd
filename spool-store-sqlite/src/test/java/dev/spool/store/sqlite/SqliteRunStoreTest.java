package dev.spool.store.sqlite;

import static dev.spool.store.StoreFixtures.at;
import static dev.spool.store.StoreFixtures.claimAt;
import static dev.spool.store.StoreFixtures.newRun;
import static dev.spool.store.StoreFixtures.runId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Event;
import dev.spool.Json;
import dev.spool.store.Claim;
import dev.spool.store.Commit;
import dev.spool.store.Lease;
import dev.spool.store.NewEvent;
import dev.spool.store.RunStore;
import dev.spool.store.RunStores;
import dev.spool.store.Store;
import dev.spool.store.StoreException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the SQLite store has: files, migrations, the URI, other processes on one file. */
class SqliteRunStoreTest {
  @TempDir Path dir;

  @Test
  void openExistingOnMissingFileFailsAndCreatesNothing() {
    Path file = dir.resolve("sub/spool.db");

    assertThatThrownBy(() -> SqliteRunStore.openExisting(file))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("no Spool store at " + file);
    assertThat(dir.resolve("sub")).doesNotExist();
  }

  @Test
  void openExistingOnAFileThatIsNoSpoolStoreFails() throws Exception {
    Path file = Files.createFile(dir.resolve("other.db"));

    assertThatThrownBy(() -> SqliteRunStore.openExisting(file))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("no Spool store at " + file);
    assertThat(file).isEmptyFile();
  }

  @Test
  void openCreatesFoldersAndRecordsMigrationsOnceAndKeepsData() throws Exception {
    Path file = dir.resolve("a/b/spool.db");
    try (Store store = SqliteRunStore.open(file)) {
      store.createRun(newRun(runId(1), at(1)));
    }
    assertThat(file).exists();
    try (Store store = SqliteRunStore.openExisting(file)) {
      assertThat(store.getRun(runId(1))).isPresent();
    }
    try (Store store = SqliteRunStore.open(file)) {
      assertThat(store.getRun(runId(1))).isPresent();
    }

    List<String> rows = new ArrayList<>();
    try (Connection c = connect(file);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT version, description FROM schema_version")) {
      while (rs.next()) {
        rows.add(rs.getInt(1) + ": " + rs.getString(2));
      }
      assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
    }
    assertThat(rows)
        .containsExactly(
            "1: Creates the runs, events and checkpoints tables and the indexes"
                + " claims, listings and the reaper use.",
            "2: Adds cancel requests, signal tracking and recovery counts to runs, the owner index"
                + " the control poll uses, and API keys.",
            "3: Adds shared rate limits (token buckets, holds, concurrency slots), the worker"
                + " registry and deployments.",
            "4: Adds what places a run on a worker: the workflow versions each worker runs, and"
                + " claim indexes by deployment and workflow version.");
  }

  @Test
  void storesOpenedAtOnceOnANewFileMigrateItOnce() throws Exception {
    Path file = dir.resolve("spool.db");
    int openers = 6;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<SqliteRunStore>> opened = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(openers)) {
      for (int i = 0; i < openers; i++) {
        opened.add(
            pool.submit(
                () -> {
                  start.await();
                  return SqliteRunStore.open(file);
                }));
      }
      start.countDown();
      for (Future<SqliteRunStore> f : opened) {
        f.get(1, TimeUnit.MINUTES).close();
      }
    }
    try (Connection c = connect(file);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM schema_version")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(4);
    }
  }

  @Test
  void storeWrittenByNewerSpoolIsRefused() throws Exception {
    Path file = dir.resolve("spool.db");
    SqliteRunStore.open(file).close();
    try (Connection c = connect(file);
        Statement st = c.createStatement()) {
      st.execute(
          "INSERT INTO schema_version (version, description, applied_at) VALUES (99, 'future', 0)");
    }

    assertThatThrownBy(() -> SqliteRunStore.open(file))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("schema version 99")
        .hasMessageContaining("upgrade Spool");
  }

  @Test
  void closeIsIdempotentAndLaterCallsFailClearly() {
    Store store = SqliteRunStore.open(dir.resolve("spool.db"));
    store.close();
    store.close();
    assertThatThrownBy(() -> store.getRun("x"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void providerOpensSqliteUris() {
    assertThat(SqliteStoreProvider.path("sqlite:relative/path/spool.db"))
        .isEqualTo(Path.of("relative/path/spool.db"));
    Path file = dir.resolve("via-uri/spool.db");
    try (Store store = RunStores.open("sqlite:" + file, false)) {
      assertThat(store).isInstanceOf(SqliteRunStore.class);
      assertThat(store.describe()).isEqualTo("sqlite:" + file.toAbsolutePath());
    }
    try (Store store = RunStores.open("sqlite:" + file, true)) {
      assertThat(store.listRuns(dev.spool.store.RunQuery.latest(1))).isEmpty();
    }
  }

  @Test
  void providerRejectsEmptyPathAndMissingStore() {
    assertThatThrownBy(() -> RunStores.open("sqlite:", false))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("no file path after 'sqlite:'");
    Path missing = dir.resolve("missing.db");
    assertThatThrownBy(() -> RunStores.open("sqlite:" + missing, true))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("no Spool store at");
    assertThat(missing).doesNotExist();
  }

  @Test
  void anotherProcessAppendsGaplesslyBesideThisOne() throws Exception {
    Path file = dir.resolve("spool.db");
    int each = 150;
    try (SqliteRunStore store = SqliteRunStore.open(file)) {
      store.createRun(newRun(runId(1), at(1)));
      Lease lease = store.claim(claimAt("w1", at(10))).map(Claim::lease).orElseThrow();

      Process child = startAppender(file, lease, each, 0, "child");
      for (int i = 0; i < each; i++) {
        String data = "{\"w\":\"parent\",\"i\":" + i + "}";
        store.commit(lease, Commit.of(new NewEvent("progress", Instant.now(), "", 1, data)));
      }
      assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
      assertThat(child.exitValue()).as(output(child)).isZero();

      List<Event> events = store.readEvents(lease.runId(), 1, 10_000);
      assertThat(events).hasSize(2 * each);
      Map<String, Integer> next = new HashMap<>();
      for (int i = 0; i < events.size(); i++) {
        assertThat(events.get(i).seq()).isEqualTo(i + 2L);
        JsonNode data = Json.tree(events.get(i).data());
        String writer = data.get("w").asText();
        assertThat(data.get("i").asInt()).isEqualTo(next.getOrDefault(writer, 0));
        next.merge(writer, 1, Integer::sum);
      }
      assertThat(next).containsOnly(Map.entry("parent", each), Map.entry("child", each));
    }
  }

  @Test
  void awaitEventsSeesACommitFromAnotherProcess() throws Exception {
    Path file = dir.resolve("spool.db");
    try (SqliteRunStore store = SqliteRunStore.open(file)) {
      store.createRun(newRun(runId(1), at(1)));
      Lease lease = store.claim(claimAt("w1", at(10))).map(Claim::lease).orElseThrow();

      CompletableFuture<List<Event>> waiter =
          CompletableFuture.supplyAsync(() -> await(store, lease.runId()));
      Process child = startAppender(file, lease, 1, 300, "child");

      // Far shorter than the waiter's maxWait: the other process's commit must wake it.
      List<Event> got = waiter.get(20, TimeUnit.SECONDS);
      assertThat(got).extracting(Event::seq).containsExactly(2L);
      assertThat(Json.tree(got.get(0).data()).get("w").asText()).isEqualTo("child");
      assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
    }
  }

  private static List<Event> await(RunStore store, String runId) {
    try {
      return store.awaitEvents(runId, 1, 10, Duration.ofMinutes(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Starts {@link AppendProcess} and waits until it has opened the store. */
  private static Process startAppender(
      Path file, Lease lease, int count, long delayMillis, String name) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                AppendProcess.class.getName(),
                file.toString(),
                lease.runId(),
                lease.owner(),
                Long.toString(lease.epoch()),
                Integer.toString(count),
                Long.toString(delayMillis),
                name)
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null && !line.equals("ready")) {
      // Skip JVM warnings printed before the child is ready.
    }
    if (line == null) {
      p.waitFor();
      throw new AssertionError("append process ended before it was ready, exit " + p.exitValue());
    }
    return p;
  }

  private static String output(Process p) throws Exception {
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  private static Connection connect(Path file) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file);
  }

  private static String pragma(Connection c, String name) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
