/**
 * How the client talks HTTP: requests and error mapping, the SSE parser, the response readers and
 * the reconnecting event follower. Not API.
 */
package dev.spool.client.internal;
