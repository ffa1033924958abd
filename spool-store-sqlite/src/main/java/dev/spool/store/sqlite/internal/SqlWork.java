package dev.spool.store.sqlite.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on a borrowed connection. */
@FunctionalInterface
public interface SqlWork<T> {
  T apply(Connection c) throws SQLException;
}
