package dev.spool.cli;

import dev.spool.store.Store;
import dev.spool.store.sqlite.SqliteRunStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PatchScenario} on one SQLite file shared by the worker processes and the test. */
class PatchingIT {
  @TempDir Path dir;

  @Test
  void runsRecordedBeforeThePatchFinishOnTheNewCodeAndNewRunsTakeTheNewPath() throws Exception {
    Path db = dir.resolve("spool.db");
    try (Store store = SqliteRunStore.open(db)) {
      new PatchScenario(dir, "sqlite:" + db, store).run();
    }
  }
}
