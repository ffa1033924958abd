/**
 * The {@link dev.spool.store.RunStore} on Redis and Redis Cluster: {@link
 * dev.spool.store.redis.RedisRunStore}, opened with a {@code redis://}, {@code rediss://} or {@code
 * redis-cluster://} store URI.
 *
 * <h2>Layout</h2>
 *
 * Runs are spread over a fixed number of partitions (one hash tag, so one cluster slot, each). A
 * run's hash, its event stream and its checkpoints live in one partition together with the queues
 * and indexes that point at it, so every change to a run (create, claim, commit, recovery, cancel,
 * signal) is one Lua script that updates the run and its indexes atomically. Events are a Redis
 * Stream per run with entry ids {@code 0-SEQ}: the gapless sequence number is the stream cursor.
 * Claims look at each partition's oldest claimable run (by creation time, then id) and claim the
 * oldest of those; waiting runs, lease expiries and each worker's runs are sorted sets in the
 * partition. Listing reads a lexicographic index per partition below the cursor and merges them. A
 * run created with an idempotency key lives in the key's partition (the key check and the create
 * are one script) and its home partition holds a small locator. Nothing uses {@code KEYS} or {@code
 * SCAN}.
 *
 * <h2>Retention</h2>
 *
 * A finished run's keys get a Redis expiry of {@code retention} (URI parameter, default 7 days,
 * {@code 0} keeps them forever) in the script that finishes it; unfinished runs never expire. A
 * background sweep then removes the run's listing entries.
 *
 * <h2>Durability</h2>
 *
 * Redis acknowledges a write once it is applied in memory; what survives a crash depends on the
 * server's persistence settings, not on this store:
 *
 * <ul>
 *   <li>{@code appendonly yes} with {@code appendfsync always}: Redis writes and fsyncs the AOF
 *       before it replies, so an event, checkpoint or status change this store returned from
 *       survives a crash of redis-server or of the machine. This is what a run's guarantees assume;
 *       a test kills such a server with SIGKILL and finds every acknowledged event after restart.
 *   <li>{@code appendfsync everysec} (Redis's default once AOF is on): the AOF is written before
 *       the reply but fsynced about once a second, so a crash of redis-server alone loses nothing,
 *       while a power loss or kernel crash can lose the last second or two of acknowledged writes.
 *       A run then resumes from older checkpoints (a finished step may run again) and its stream is
 *       rewritten from the lost sequence number on, so a client holding a cursor past it would miss
 *       events.
 *   <li>No AOF (RDB snapshots or none): everything since the last snapshot is lost on restart.
 *   <li>Replicas are asynchronous: a failover can lose acknowledged writes that had not reached the
 *       replica, in a single Redis with replicas and in a cluster alike.
 * </ul>
 *
 * <h2>Outages</h2>
 *
 * While Redis is unreachable every call fails within the command timeout with a {@link
 * dev.spool.store.StoreException} naming the server; Lettuce reconnects in the background and the
 * worker's loops retry. A write whose answer was lost with the connection is not resent by the
 * client; a commit retried by its writer carries the same token and is applied at most once.
 */
package dev.spool.store.redis;
