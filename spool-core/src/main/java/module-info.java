/**
 * Spool's core: components, workflows, the {@link dev.spool.Spool} API facade, the store SPI by
 * role and the in-memory store. The engine ({@code dev.spool.internal.engine}) is exported only to
 * the worker host and the testkit, which drive runs; nothing else may reach into it.
 */
module dev.spool.core {
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jdk8;
  requires com.fasterxml.jackson.datatype.jsr310;

  exports dev.spool;
  exports dev.spool.builtin;
  exports dev.spool.store;
  exports dev.spool.store.memory;
  exports dev.spool.internal.engine to
      dev.spool.worker,
      dev.spool.testkit;

  // Jackson reads and writes Spool's own records (events, runs, built-in signal values).
  opens dev.spool to
      com.fasterxml.jackson.databind;
  opens dev.spool.builtin to
      com.fasterxml.jackson.databind;
  opens dev.spool.store to
      com.fasterxml.jackson.databind;
  opens dev.spool.internal.engine to
      com.fasterxml.jackson.databind;

  uses dev.spool.store.RunStoreProvider;
}
