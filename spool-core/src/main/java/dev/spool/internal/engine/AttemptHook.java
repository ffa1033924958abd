package dev.spool.internal.engine;

/**
 * Called before every step attempt; what it throws fails that attempt as if the body had. The
 * testkit injects failures through it.
 */
@FunctionalInterface
public interface AttemptHook {
  AttemptHook NONE = (component, path, attempt) -> {};

  void beforeAttempt(String component, String path, int attempt) throws Exception;
}
