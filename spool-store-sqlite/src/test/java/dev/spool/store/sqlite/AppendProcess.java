package dev.spool.store.sqlite;

import dev.spool.store.Commit;
import dev.spool.store.Lease;
import dev.spool.store.NewEvent;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A separate process for {@link SqliteRunStoreTest}: appends events to a run under a lease it is
 * handed, then exits.
 *
 * <p>Arguments: file runId owner epoch count delayMillis writerName.
 */
public final class AppendProcess {
  private AppendProcess() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    Lease lease =
        new Lease(
            args[1], args[2], Long.parseLong(args[3]), Instant.parse("2099-01-01T00:00:00Z"), 1);
    int count = Integer.parseInt(args[4]);
    long delayMillis = Long.parseLong(args[5]);
    String writer = args[6];
    try (SqliteRunStore store = SqliteRunStore.openExisting(file)) {
      System.out.println("ready");
      System.out.flush();
      Thread.sleep(delayMillis);
      for (int i = 0; i < count; i++) {
        String data = "{\"w\":\"" + writer + "\",\"i\":" + i + "}";
        store.commit(lease, Commit.of(new NewEvent("progress", Instant.now(), "", 1, data)));
      }
    }
  }
}
