package dev.spool.store;

import dev.spool.store.memory.MemoryRunStore;

/** Every role contract, on the in-memory store. */
class MemoryStoreConformanceTest extends StoreConformance
    implements RunContract,
        LeaseContract,
        ControlContract,
        ConcurrencyContract,
        KeyContract,
        LimitContract,
        FleetContract,
        PlacementContract,
        RunRulesContract {
  @Override
  protected Store newStore() {
    return new MemoryRunStore();
  }
}
