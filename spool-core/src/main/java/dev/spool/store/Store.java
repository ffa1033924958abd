package dev.spool.store;

/**
 * A whole store, as {@link RunStores#open} returns it: the {@link RunStore} role plus its other
 * roles. Consumers take only the role they use ({@code store.limits()} for the LLM layer, {@code
 * store.keys()} for the API's key check); whoever opens the store owns it and closes it.
 *
 * <p>Each role is an object of its own rather than more methods on one interface, so a store can
 * implement each role in its own class and no consumer sees what it does not use.
 */
public interface Store extends RunStore {
  /** The API keys this store holds. */
  KeyStore keys();

  /** The rate limits shared by every client of this store. */
  LimitStore limits();

  /** The workers and deployments this store knows. */
  FleetStore fleet();
}
