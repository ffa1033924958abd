/**
 * Spool's user API: components, workflows, the run context, retry policies, run events and the
 * runtime that executes workflows durably against a {@link dev.spool.store.RunStore}.
 */
package dev.spool;
