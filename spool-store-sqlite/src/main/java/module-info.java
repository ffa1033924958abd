/** The embedded default store: one SQLite file, found by {@code RunStores.open("sqlite:…")}. */
module dev.spool.store.sqlite {
  requires transitive dev.spool.core;
  requires java.sql;
  requires org.xerial.sqlitejdbc;

  exports dev.spool.store.sqlite;

  provides dev.spool.store.RunStoreProvider with
      dev.spool.store.sqlite.SqliteStoreProvider;
}
