package dev.spool.store;

import dev.spool.store.memory.MemoryRunStore;

class MemoryRunStoreConformanceTest extends RunStoreConformanceTest {
  @Override
  protected RunStore newStore() {
    return new MemoryRunStore();
  }
}
