package dev.spool.examples.common;

/**
 * Stands in for a language model when none is configured: a deterministic reply to a conversation,
 * computed from what the prompt says. The examples' offline models do their task the plain way
 * (pick sentences, match patterns), so a run offline is fast, free and always the same, and the
 * same workflow runs unchanged against a real model.
 */
@FunctionalInterface
public interface OfflineModel {
  /**
   * The reply.
   *
   * @param system the system message, or empty
   * @param user the last user message
   */
  String reply(String system, String user);
}
