/**
 * The store SPI: one narrow interface, {@link dev.spool.store.RunStore}, spoken in Spool's own
 * records, which every store (SQLite, Redis) implements and proves with the same conformance suite.
 */
package dev.spool.store;
