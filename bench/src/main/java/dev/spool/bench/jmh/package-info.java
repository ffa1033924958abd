/** JMH micro-benchmarks of Spool's own hot paths, in-process. */
package dev.spool.bench.jmh;
