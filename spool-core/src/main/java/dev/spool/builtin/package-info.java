/** Small, real workflows every Spool process knows: {@code hello} and {@code steps}. */
package dev.spool.builtin;
