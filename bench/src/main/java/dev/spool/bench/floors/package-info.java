/**
 * Physical floors: a bare SQLite commit, a PostgreSQL commit, fdatasync, and event appends through
 * the Redis store.
 */
package dev.spool.bench.floors;
