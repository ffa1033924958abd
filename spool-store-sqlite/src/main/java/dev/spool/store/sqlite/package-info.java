/**
 * The embedded {@link dev.spool.store.RunStore}: one SQLite file in WAL mode, shared by the threads
 * of one JVM or by several processes on one machine. Open it with {@link
 * dev.spool.store.sqlite.SqliteRunStore#open} or the store URI {@code sqlite:PATH}.
 */
package dev.spool.store.sqlite;
