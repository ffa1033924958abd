package dev.spool.store;

/** The store could not do what was asked (I/O, corruption, a bad URI); the message says why. */
public class StoreException extends RuntimeException {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
