/**
 * Connections, migrations and SQL behind {@link dev.spool.store.sqlite.SqliteRunStore}; not API.
 */
package dev.spool.store.sqlite.internal;
