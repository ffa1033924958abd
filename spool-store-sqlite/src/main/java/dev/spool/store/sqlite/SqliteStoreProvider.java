package dev.spool.store.sqlite;

import dev.spool.store.RunStoreProvider;
import dev.spool.store.Store;
import dev.spool.store.StoreException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Opens {@code sqlite:PATH} store URIs, where PATH is a file path, relative to the working
 * directory or absolute: {@code sqlite:.spool/spool.db}, {@code sqlite:/var/lib/spool/spool.db}.
 */
public final class SqliteStoreProvider implements RunStoreProvider {
  private static final String PREFIX = "sqlite:";

  @Override
  public Set<String> schemes() {
    return Set.of("sqlite");
  }

  @Override
  public Store open(String uri, boolean mustExist) {
    Path file = path(uri);
    return mustExist ? SqliteRunStore.openExisting(file) : SqliteRunStore.open(file);
  }

  /** The file a {@code sqlite:} URI names. */
  static Path path(String uri) {
    if (!uri.startsWith(PREFIX)) {
      throw new StoreException("bad store URI '" + uri + "': expected sqlite:PATH");
    }
    String location = uri.substring(PREFIX.length());
    if (location.isBlank()) {
      throw new StoreException(
          "bad store URI '"
              + uri
              + "': no file path after 'sqlite:'"
              + " (for example sqlite:.spool/spool.db)");
    }
    try {
      return Path.of(location);
    } catch (InvalidPathException e) {
      throw new StoreException("bad store URI '" + uri + "': " + e.getMessage(), e);
    }
  }
}
