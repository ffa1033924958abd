/**
 * A fake OpenAI-compatible LLM provider over real HTTP, with injectable latency, errors, 429s and
 * outages, and counters of what it received.
 */
package dev.spool.testkit.llm;
