package dev.spool.store;

/**
 * The outcome of {@link RunStore#createRun}.
 *
 * @param run the run as stored
 * @param created false when an existing run with the same idempotency key was returned
 */
public record CreateResult(RunInfo run, boolean created) {}
