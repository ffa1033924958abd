package dev.spool.store.redis.internal;

import io.lettuce.core.cluster.SlotHash;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Where keys live. Runs are spread over a fixed number of partitions; a partition is one hash tag,
 * so one cluster slot, and holds its runs' keys together with the indexes and queues over them:
 * every script that changes a run changes its indexes in the same atomic step. Partition tags are
 * chosen so their slots are spread evenly over 0..16383, hence evenly over the masters of a cluster
 * whose slots are split in equal ranges.
 *
 * <pre>
 * ns:{tag}:run:ID   hash    the run
 * ns:{tag}:ev:ID    stream  its events
 * ns:{tag}:cp:ID    hash    its checkpoints  ns:{tag}:lease       zset  running runs by lease expiry
 * ns:{tag}:idem:KEY string  idempotency key  ns:{tag}:own:WORKER  zset  runs a worker holds
 * ns:{tag}:loc:ID   string  where a run placed by its key lives
 * ns:{tag}:ix:…     zsets   listing indexes (all, by status, by workflow, by both)
 * ns:{tag}:q:D:W@V  zsets   queued runs of deployment D and workflow version W@V, by creation
 * ns:{tag}:w:D:W@V  zsets   waiting runs of D and W@V, by resume time
 * ns:{tag}:qv:D     sets    the workflow versions deployment D has queues for
 * ns:{tag}:inflight hash    unfinished runs per deployment (inflight-v: per workflow version)
 * ns:{tag}:done     zset    finished runs by the time their retention ends
 * ns:{g}:…          deployments, workers, API keys, the layout record
 * ns:{l:KEY}:…      one shared limit (bucket, hold, slots)
 * </pre>
 */
public final class Layout {
  /**
   * Bumped when key names or encodings change incompatibly. Layout 2 splits the ready and waiting
   * queues by workflow version ({@code q:DEP:WF@VER}, {@code w:DEP:WF@VER}); a layout-1 store is
   * upgraded in place when it is opened ({@code upgrade.lua}).
   */
  public static final String VERSION = "2";

  /** The layout this version upgrades from when it opens a store. */
  public static final String UPGRADES_FROM = "1";

  private final String ns;
  private final String[] prefixes;

  public Layout(String ns, int partitions) {
    this.ns = ns;
    this.prefixes = new String[partitions];
    for (int i = 0; i < partitions; i++) {
      prefixes[i] = ns + ":{" + tag(i, partitions) + "}:";
    }
  }

  /** The first tag {@code p<i>.<n>} whose slot falls in the i-th of {@code partitions} ranges. */
  static String tag(int i, int partitions) {
    int from = i * SlotHash.SLOT_COUNT / partitions;
    int to = (i + 1) * SlotHash.SLOT_COUNT / partitions;
    for (int n = 0; ; n++) {
      String tag = "p" + i + "." + n;
      int slot = SlotHash.getSlot(tag);
      if (slot >= from && slot < to) {
        return tag;
      }
    }
  }

  public int partitions() {
    return prefixes.length;
  }

  /** The key prefix of partition {@code p}, {@code ns:{tag}:}. */
  public String partition(int p) {
    return prefixes[p];
  }

  /** The partition a run id (or an idempotency key) is placed in by default. */
  public int home(String id) {
    CRC32 crc = new CRC32();
    crc.update(id.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % prefixes.length);
  }

  /** The prefix of store-wide keys: deployments, workers, API keys, the layout record. */
  public String global() {
    return ns + ":{g}:";
  }

  /** The prefix of one shared limit's keys. */
  public String limit(String key) {
    return ns + ":{l:" + key + "}:";
  }

  public String namespace() {
    return ns;
  }
}
