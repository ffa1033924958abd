package dev.spool.store;

/**
 * The store cannot be reached right now (its server is down or restarting): unlike a bad URI or a
 * corrupt store, trying again later may succeed.
 */
public class StoreUnavailableException extends StoreException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
