/**
 * The engines under test behind one interface (Spool in-process, over HTTP and on Redis, DBOS
 * Transact, Restate), the shared workload, and the harness JVM that runs loads on one of them.
 */
package dev.spool.bench.engines;
