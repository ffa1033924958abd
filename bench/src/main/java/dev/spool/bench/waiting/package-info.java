/**
 * How many waiting runs (in a durable sleep, or in a slow HTTP call) one worker holds, and the heap
 * each costs.
 */
package dev.spool.bench.waiting;
