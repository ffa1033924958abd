/**
 * The durable engine: {@link dev.spool.internal.engine.RunExecution} executes one claimed run,
 * replaying its checkpoints and reading its event stream once ({@code History}). The code under
 * {@code ctx} (the step runner, durable timers, signal waits and fan-outs) gets what it needs of
 * the execution through {@code RunServices}, numbers its steps deterministically, and writes every
 * event through one group-committing writer per run. Not API.
 */
package dev.spool.internal.engine;
