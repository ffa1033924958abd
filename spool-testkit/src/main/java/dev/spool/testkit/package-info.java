/**
 * Testing Spool code: run a component or workflow alone through the real engine (no store to set
 * up, a clock the test moves, injected failures) and read the events it produced.
 */
package dev.spool.testkit;
