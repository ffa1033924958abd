package dev.spool.bench.engines;

/**
 * One engine under test, as a client sees it: start a workflow of {@code steps} trivial steps and
 * wait for its result. The same workload runs on every engine.
 */
public interface Engine extends AutoCloseable {
  /** Starts a run of {@code steps} trivial, checkpointed steps and returns once it completed. */
  void run(int steps) throws Exception;

  /** One line on how it is set up (store, durability), for the report. */
  String describe();

  @Override
  void close() throws Exception;
}
