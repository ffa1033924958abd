package dev.spool.store.redis.internal;

import dev.spool.store.Commit;
import dev.spool.store.Lease;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Tokens that make a retried commit idempotent. A commit whose outcome is unknown (the call failed
 * after the script may have run) keeps its token; the next commit of an equal {@link Commit} under
 * the same lease (the writer's retry) reuses it, and the script, which remembers the last token it
 * applied per run, answers with the first outcome instead of writing twice.
 */
final class CommitTokens {
  private static final int MAX_UNSURE = 10_000;

  /** The lease's identity without its expiry, which renewals move between retries. */
  private record Key(String runId, String owner, long epoch, Commit commit) {
    Key(Lease lease, Commit commit) {
      this(lease.runId(), lease.owner(), lease.epoch(), commit);
    }
  }

  private final Map<Key, String> unsure = new ConcurrentHashMap<>();

  String tokenFor(Lease lease, Commit commit) {
    String t = unsure.isEmpty() ? null : unsure.get(new Key(lease, commit));
    if (t != null) {
      return t;
    }
    byte[] b = new byte[12];
    ThreadLocalRandom.current().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  void unsure(Lease lease, Commit commit, String token) {
    if (unsure.size() >= MAX_UNSURE) {
      unsure.clear();
    }
    unsure.put(new Key(lease, commit), token);
  }

  void settled(Lease lease, Commit commit) {
    if (!unsure.isEmpty()) {
      unsure.remove(new Key(lease, commit));
    }
  }
}
