/**
 * An in-process store for tests and the component test context: the full {@link
 * dev.spool.store.RunStore} contract, held in memory and gone with the process.
 */
package dev.spool.store.memory;
