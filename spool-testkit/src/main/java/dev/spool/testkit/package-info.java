/**
 * Testing Spool code: run a component or workflow alone through the real engine (no store to set
 * up, a clock the test moves, injected failures) and read the events it produced; replay new
 * workflow code against recorded run histories before a deploy ({@link
 * dev.spool.testkit.ReplayTester}); and real {@code redis-server} processes ({@link
 * dev.spool.testkit.RedisServer}, {@link dev.spool.testkit.RedisCluster}) for tests that need
 * Redis; and worker JVMs a crash test kills with SIGKILL ({@link dev.spool.testkit.ChildJvm}) once
 * the run is part-way ({@link dev.spool.testkit.RunEvents}).
 */
package dev.spool.testkit;
