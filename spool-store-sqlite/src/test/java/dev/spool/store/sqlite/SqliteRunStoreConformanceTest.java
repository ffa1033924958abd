package dev.spool.store.sqlite;

import dev.spool.store.RunStore;
import dev.spool.store.RunStoreConformanceTest;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** The shared {@link RunStore} contract, on a SQLite file in a temp folder. */
class SqliteRunStoreConformanceTest extends RunStoreConformanceTest {
  @TempDir Path dir;

  private Path file;

  @Override
  protected RunStore newStore() {
    file = dir.resolve("spool.db");
    return SqliteRunStore.open(file);
  }

  /** A second store on the same file, as another process would open it. */
  @Override
  protected Optional<RunStore> openSecondClient() {
    return Optional.of(SqliteRunStore.openExisting(file));
  }
}
