/** Recovery time after kill -9 of a real spool worker process. */
package dev.spool.bench.recovery;
