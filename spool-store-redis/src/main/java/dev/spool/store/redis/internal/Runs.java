package dev.spool.store.redis.internal;

import dev.spool.store.CreateResult;
import dev.spool.store.Micros;
import dev.spool.store.NewEvent;
import dev.spool.store.NewRun;
import dev.spool.store.RunInfo;
import dev.spool.store.RunQuery;
import dev.spool.store.RunRules;
import dev.spool.store.StoreException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Creating, reading and listing runs. */
public final class Runs {
  private final Redis redis;

  public Runs(Redis redis) {
    this.redis = redis;
  }

  /**
   * Creates the run in one script, together with its event, its queue and index entries and its
   * idempotency key. A run with a key lives in the key's partition, so that the check and the
   * create are one atomic step; its home partition then gets a locator, written first.
   */
  public CreateResult create(NewRun run) {
    Layout layout = redis.layout();
    String id = run.runId();
    int home = layout.home(id);
    int target = run.idempotencyKey().map(layout::home).orElse(home);
    boolean newLocator = false;
    if (target != home) {
      List<Object> r =
          redis.eval(
              Script.LOCATE,
              layout.partition(home),
              List.of(id, Integer.toString(target)),
              "create run " + id);
      if (Codec.is(r, "dup")) {
        throw duplicate(id);
      }
      newLocator = Codec.is(r, "new");
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                id,
                run.workflow(),
                run.version(),
                run.input(),
                Micros.str(run.createdAt()),
                Micros.lex(run.createdAt()),
                run.deployment(),
                run.idempotencyKey().orElse(""),
                target != home ? Integer.toString(home) : "",
                Integer.toString(target)));
    List<NewEvent> events = RunRules.created(run);
    args.add(events.size() > 1 ? events.get(1).data() : "");
    Codec.checkpoints(args, run.seedCheckpoints());
    List<Object> r = redis.eval(Script.CREATE, layout.partition(target), args, "create run " + id);
    if (Codec.is(r, "created")) {
      redis.remember(id, target);
      return new CreateResult(Codec.run(Codec.fields(r.get(1))), true);
    }
    if (newLocator) {
      unlocate(id, home, target);
    }
    if (Codec.is(r, "exists")) {
      RunInfo existing = Codec.run(Codec.fields(r.get(1)));
      redis.remember(existing.runId(), target);
      return new CreateResult(existing, false);
    }
    throw duplicate(id);
  }

  private void unlocate(String id, int home, int target) {
    try {
      redis.eval(
          Script.UNLOCATE,
          redis.layout().partition(home),
          List.of(id, Integer.toString(target)),
          "drop the locator of run " + id);
    } catch (StoreException e) {
      // a leftover locator points at a run that does not exist: harmless
    }
  }

  private static StoreException duplicate(String id) {
    return new StoreException("cannot create run " + id + ": a run with that id exists");
  }

  public Optional<RunInfo> get(String runId) {
    return fields(runId).map(Codec::run);
  }

  /** The run's raw hash, found where it lives. */
  public Optional<Map<String, String>> fields(String runId) {
    int p = redis.partitionOf(runId);
    Map<String, String> f = hash(p, runId);
    if (f.isEmpty()) {
      Optional<Integer> elsewhere = redis.locator(runId, p);
      if (elsewhere.isPresent()) {
        f = hash(elsewhere.get(), runId);
      }
    }
    return f.isEmpty() ? Optional.empty() : Optional.of(f);
  }

  private Map<String, String> hash(int p, String runId) {
    return redis
        .connection()
        .await(
            redis.cmd().hgetall(redis.layout().partition(p) + "run:" + runId), "read run " + runId);
  }

  /**
   * Newest first: each partition's index is read below the cursor (a lexicographic bound on
   * created-time-then-id), and the partitions' pages are merged.
   */
  public List<RunInfo> list(RunQuery q) {
    String index =
        q.workflow().isPresent()
            ? q.status()
                .map(s -> "ix:ws:" + s.wireName() + ":" + q.workflow().get())
                .orElse("ix:w:" + q.workflow().get())
            : q.status().map(s -> "ix:s:" + s.wireName()).orElse("ix:all");
    String bound = "+";
    if (q.beforeRunId().isPresent()) {
      Optional<RunInfo> cursor = get(q.beforeRunId().get());
      if (cursor.isEmpty()) {
        return List.of();
      }
      bound = "(" + Micros.lex(cursor.get().createdAt()) + cursor.get().runId();
    }
    String b = bound;
    List<List<Object>> pages =
        redis.evalAll(
            Script.LIST, p -> List.of(index, b, Integer.toString(q.limit())), "list runs");
    List<Map.Entry<String, Map<String, String>>> all = new ArrayList<>();
    for (List<Object> page : pages) {
      for (int i = 0; i + 1 < page.size(); i += 2) {
        all.add(Map.entry((String) page.get(i), Codec.fields(page.get(i + 1))));
      }
    }
    return all.stream()
        .sorted(Map.Entry.<String, Map<String, String>>comparingByKey(Comparator.reverseOrder()))
        .limit(q.limit())
        .map(e -> Codec.run(e.getValue()))
        .toList();
  }
}
