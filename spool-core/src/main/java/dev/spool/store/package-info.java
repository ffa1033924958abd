/**
 * The store SPI, one interface per role, spoken in Spool's own records:
 *
 * <ul>
 *   <li>{@link dev.spool.store.RunStore}: runs, events, checkpoints, leases and the controls
 *       (cancel, signal, recovery) that arrive from outside a lease;
 *   <li>{@link dev.spool.store.KeyStore}: API keys, by hash;
 *   <li>{@link dev.spool.store.LimitStore}: token buckets, holds and concurrency slots shared by
 *       every worker;
 *   <li>{@link dev.spool.store.FleetStore}: the worker registry and deployment promotion.
 * </ul>
 *
 * A store ({@link dev.spool.store.Store}) implements them all, and proves each with the role's
 * conformance contract; a consumer takes only the role it uses.
 */
package dev.spool.store;
