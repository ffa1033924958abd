/**
 * The durable engine: executes one claimed run, replays its checkpoints, assigns step identities
 * and writes every event through one group-committing writer per run.
 */
package dev.spool.internal.engine;
