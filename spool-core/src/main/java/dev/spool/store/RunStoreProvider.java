package dev.spool.store;

import java.util.Set;

/**
 * Opens stores for the URI schemes it knows ({@code sqlite:}, {@code redis://}). Implementations
 * are found with {@link java.util.ServiceLoader}; {@link RunStores#open} picks one by scheme.
 */
public interface RunStoreProvider {
  /** URI schemes handled, without the colon. */
  Set<String> schemes();

  /**
   * Opens the store at {@code uri}.
   *
   * @param mustExist fail with a clear {@link StoreException} instead of creating a new store
   */
  Store open(String uri, boolean mustExist);
}
