package dev.spool.store.sqlite;

import dev.spool.store.ConcurrencyContract;
import dev.spool.store.ControlContract;
import dev.spool.store.FleetContract;
import dev.spool.store.KeyContract;
import dev.spool.store.LeaseContract;
import dev.spool.store.LimitContract;
import dev.spool.store.PlacementContract;
import dev.spool.store.RunContract;
import dev.spool.store.RunRulesContract;
import dev.spool.store.Store;
import dev.spool.store.StoreConformance;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** Every role contract, on a SQLite file in a temp folder. */
class SqliteStoreConformanceTest extends StoreConformance
    implements RunContract,
        LeaseContract,
        ControlContract,
        ConcurrencyContract,
        KeyContract,
        LimitContract,
        FleetContract,
        PlacementContract,
        RunRulesContract {
  @TempDir Path dir;

  private Path file;

  @Override
  protected Store newStore() {
    file = dir.resolve("spool.db");
    return SqliteRunStore.open(file);
  }

  /** A second store on the same file, as another process would open it. */
  @Override
  protected Optional<Store> openSecondClient() {
    return Optional.of(SqliteRunStore.openExisting(file));
  }
}
