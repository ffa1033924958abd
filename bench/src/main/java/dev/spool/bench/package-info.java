/** Harnesses that measure Spool; run with {@code bench/run.sh}, never from the test command. */
package dev.spool.bench;
