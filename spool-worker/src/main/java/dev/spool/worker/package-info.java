/**
 * The compute plane as a process: {@link dev.spool.worker.WorkerProcess} runs a worker until
 * SIGTERM and then drains it, so deploys lose no run.
 */
package dev.spool.worker;
