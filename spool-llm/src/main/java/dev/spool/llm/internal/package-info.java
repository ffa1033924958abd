/**
 * How the LLM layer works inside: the failover loop, the store-backed limits, breakers, error
 * classification, streaming, and an HTTP client that keeps {@code Retry-After}. Not API.
 */
package dev.spool.llm.internal;
