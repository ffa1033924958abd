/**
 * The Java client for Spool's HTTP API: start runs, read them, wait for their results, follow their
 * event streams with automatic resume, signal and cancel them. Entry point: {@link
 * dev.spool.client.SpoolClient}.
 */
package dev.spool.client;
