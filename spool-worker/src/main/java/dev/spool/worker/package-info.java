/**
 * The compute plane: {@link dev.spool.worker.Worker} claims runs from the store and executes them,
 * renewing their leases, polling for cancel requests and signals, and reaping runs whose worker was
 * lost; {@link dev.spool.worker.WorkerProcess} runs a worker until SIGTERM and then drains it, so
 * deploys lose no run. It meets the API plane ({@link dev.spool.Spool}) only in the store.
 */
package dev.spool.worker;
