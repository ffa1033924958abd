/**
 * Spool's API plane: {@link dev.spool.server.SpoolServer} serves the HTTP API (start runs, read
 * status, stream events with resume, signal, cancel) over a store, and {@link
 * dev.spool.server.ApiKeys} issues the keys that protect it. It never runs workflow code.
 */
package dev.spool.server;
