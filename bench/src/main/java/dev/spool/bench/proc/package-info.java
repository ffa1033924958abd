/** The orchestrator's child JVMs and the one-line JSON protocol it speaks with them. */
package dev.spool.bench.proc;
