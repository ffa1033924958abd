/**
 * Small, real workflows every Spool process knows ({@link dev.spool.builtin.Builtins#all}): {@code
 * hello}, {@code steps} and {@code approval}, which waits for a person's signal.
 */
package dev.spool.builtin;
