/**
 * Spool's user API: components and workflows, the run context, retry policies, run events and their
 * output, and {@link dev.spool.Spool}, the API plane's facade that starts runs (from a {@link
 * dev.spool.RunInput} checked once), cancels, signals and follows them in a store, with the clock,
 * JSON and engine settings both planes share. Runs execute on the compute plane, {@code
 * dev.spool.worker.Worker} in spool-worker, through {@code dev.spool.internal.engine}.
 */
package dev.spool;
