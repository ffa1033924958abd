package dev.spool.cli;

import dev.spool.store.sqlite.SqliteRunStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link DeploysContract} on a SQLite file. */
class DeploysIT implements DeploysContract {
  @TempDir Path dir;

  @Override
  public Fixture fixture() {
    String uri = "sqlite:" + dir.resolve("spool.db");
    return new Fixture(
        SqliteRunStore.open(dir.resolve("spool.db")),
        new ProcessFleet(dir, uri),
        new Cli(uri),
        () -> {});
  }
}
