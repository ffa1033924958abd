/** The parts of a worker that keep other workers' runs alive: the reaper. Not API. */
package dev.spool.internal.worker;
