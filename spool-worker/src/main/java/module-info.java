/**
 * The compute plane's host: {@link dev.spool.worker.Worker} claims runs from the store and runs
 * them.
 */
module dev.spool.worker {
  requires transitive dev.spool.core;
  requires jdk.unsupported; // sun.misc.Signal, to drain on SIGTERM/SIGINT

  exports dev.spool.worker;
}
