/**
 * Event stream latency from ctx.progress to subscribers: SSE over SpoolServer, the store's own
 * wait, and a bare XREAD BLOCK floor on Redis.
 */
package dev.spool.bench.sse;
