/**
 * An in-process store for tests and the component test context: every role of {@link
 * dev.spool.store.Store}, held in memory and gone with the process. {@link
 * dev.spool.store.memory.MemoryLimits} is the limits role alone, for an {@code Llm} whose limits
 * need not be shared.
 */
package dev.spool.store.memory;
