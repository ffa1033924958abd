/** The worker's parts: lease renewal, the store-outage reporter and the reaper. Not API. */
package dev.spool.worker.internal;
