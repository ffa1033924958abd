/**
 * Spool's LLM layer: LangChain4j chat models as traced, checkpointed steps, with ordered failover
 * across providers, a circuit breaker per provider, retries that honour {@code Retry-After}, rate
 * limits shared by every worker through the run store, token streaming into the run's output, and
 * structured output validated against a record type. Start with {@link dev.spool.llm.Llm}.
 */
package dev.spool.llm;
