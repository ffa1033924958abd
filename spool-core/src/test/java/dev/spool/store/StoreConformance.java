package dev.spool.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The lifecycle under the role contracts: opens a fresh store before each test and closes it, and
 * every second client, after. A store module's conformance test extends this class, implements
 * {@link #newStore()}, and lists the contracts its store fulfils:
 *
 * <pre>{@code
 * class MyStoreConformanceTest extends StoreConformance
 *     implements RunContract, LeaseContract, ControlContract, ConcurrencyContract,
 *         KeyContract, LimitContract, FleetContract, RunRulesContract { ... }
 * }</pre>
 */
public abstract class StoreConformance implements StoreContract {
  private Store store;
  private final List<Store> extraClients = new ArrayList<>();

  /** A new, empty store; called once per test and closed after it. */
  protected abstract Store newStore();

  /**
   * A second client of the data of the last {@link #newStore()}, or empty when the store cannot
   * have one.
   */
  protected Optional<Store> openSecondClient() {
    return Optional.empty();
  }

  @Override
  public final Store store() {
    return store;
  }

  @Override
  public final Optional<Store> secondClient() {
    Optional<Store> client = openSecondClient();
    client.ifPresent(extraClients::add);
    return client;
  }

  @BeforeEach
  final void openStore() {
    store = newStore();
  }

  @AfterEach
  final void closeStore() {
    for (Store c : extraClients) {
      c.close();
    }
    if (store != null) {
      store.close();
    }
  }
}
