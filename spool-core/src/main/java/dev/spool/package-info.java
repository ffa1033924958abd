/**
 * Spool's user API: components, workflows, the run context, retry policies, run events, and {@link
 * dev.spool.Spool}, the API plane's facade that starts, cancels, signals and follows runs in a
 * store. Runs execute on the compute plane, {@code dev.spool.worker.Worker} in spool-worker.
 */
package dev.spool;
