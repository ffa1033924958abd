/**
 * The HTTP API's routes, problem details, event streaming, JSON schemas and auth. Not API: only
 * {@code dev.spool.server} is.
 */
package dev.spool.server.internal;
