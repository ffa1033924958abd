package dev.spool.internal.engine;

import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.NonDeterminismException;
import dev.spool.internal.Payload;
import dev.spool.store.Checkpoint;
import dev.spool.store.Checkpoint.Kind;
import dev.spool.store.Commit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * {@code ctx.patched(id)}: which side of a code change a run takes, decided once per run and
 * recorded, so every replay of the run, on any worker, takes the same side.
 *
 * <p>Each place the code asks, a scope and the call index its next call would get, is recorded as
 * {@code <scope>/patch!<id>@<index>}, so a replay returns what that place answered before; the
 * run's first answer for {@code id} is also {@code <workflow>/patch!<id>}, written with a {@code
 * patch.decided} event. Neither takes a call index: adding or removing a {@code patched} call never
 * shifts the steps around it, which is what lets a later release drop the call and the old branch
 * together.
 *
 * <p>A place answers, the first time it is asked:
 *
 * <ul>
 *   <li>{@code false} if the recorded run already went past it ({@link Replay#passed}): the code
 *       that ran there had no patch, so the run stays on the old path;
 *   <li>otherwise, at the frontier, {@code true}, unless a place before it in the same line of
 *       execution answered {@code false}: a run that took the old branch once keeps to it.
 * </ul>
 *
 * Places in different branches of one {@code all} are not in one line of execution: neither runs
 * before the other, so neither's answer binds the other and each branch follows its own recorded
 * history (this keeps the answers free of thread timing). A place the run went past although a
 * place before it answered {@code true} means the id now names another change than it did: that is
 * a {@link NonDeterminismException}.
 */
final class Patches {
  /** The segment that starts a patch checkpoint's last path segment; '!' is in no step name. */
  static final String SEGMENT = "patch!";

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

  private record Answer(String place, boolean patched) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, List<Answer>> answers = new HashMap<>(); // guarded by lock, by id
  private final Map<String, Boolean> places = new HashMap<>(); // guarded by lock

  Patches(List<Checkpoint> checkpoints) {
    for (Checkpoint c : checkpoints) {
      Optional<Map.Entry<String, Boolean>> a = answer(c);
      if (a.isPresent() && c.path().lastIndexOf('@') > c.path().lastIndexOf('/')) {
        places.put(c.path(), a.get().getValue());
        answers
            .computeIfAbsent(a.get().getKey(), k -> new ArrayList<>())
            .add(new Answer(c.path(), a.get().getValue()));
      }
    }
  }

  /** The patch id and answer a checkpoint records, if it is a patch checkpoint. */
  static Optional<Map.Entry<String, Boolean>> answer(Checkpoint c) {
    int at = c.path().lastIndexOf("/" + SEGMENT);
    if (c.kind() != Kind.COMPLETED || at < 0 || c.path().indexOf('/', at + 1) >= 0) {
      return Optional.empty();
    }
    int from = at + 1 + SEGMENT.length();
    int marker = c.path().indexOf('@', from);
    String id = c.path().substring(from, marker < 0 ? c.path().length() : marker);
    return Optional.of(Map.entry(id, Json.tree(c.value()).path("patched").asBoolean()));
  }

  static boolean patched(Scope scope, String id) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a patch id must not be blank");
    }
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "bad patch id '" + id + "': use 1-100 letters, digits, '_', '.' or '-'");
    }
    return scope.run().patches().decide(scope, id);
  }

  private boolean decide(Scope scope, String id) {
    RunServices run = scope.run();
    int index = scope.calls().get();
    String place = scope.path() + "/" + SEGMENT + id + "@" + index;
    lock.lock();
    try {
      Boolean recorded = places.get(place);
      if (recorded != null) {
        return recorded;
      }
      boolean passed = run.replay().passed(scope.path(), index);
      List<Answer> asked = answers.computeIfAbsent(id, k -> new ArrayList<>());
      List<Answer> before = asked.stream().filter(a -> !concurrent(a.place(), place)).toList();
      Optional<Answer> yes = before.stream().filter(Answer::patched).findFirst();
      if (passed && yes.isPresent()) {
        throw new NonDeterminismException(
            "patch '"
                + id
                + "' at "
                + scope.displayPath()
                + ": the run answered true at "
                + scopeOf(yes.get().place())
                + ", but went past this place without asking; the id now names a different"
                + " change than when the run recorded it. Give the new change an id of its own");
      }
      boolean value = !passed && before.stream().allMatch(Answer::patched);
      boolean news = asked.stream().noneMatch(a -> a.patched() == value);
      boolean first = asked.isEmpty();
      asked.add(new Answer(place, value));
      places.put(place, value);
      Checkpoint here = record(run, place, value, Optional.empty());
      if (news) {
        run.writer().commit(decided(scope, id, place, value, passed, first, here));
      } else {
        run.writer().appendCheckpoint(here);
      }
      return value;
    } finally {
      lock.unlock();
    }
  }

  /** The commit of an answer the run had not given before, with its {@code patch.decided}. */
  private static Commit decided(
      Scope scope,
      String id,
      String place,
      boolean value,
      boolean passed,
      boolean first,
      Checkpoint here) {
    RunServices run = scope.run();
    List<Checkpoint> checkpoints = new ArrayList<>(List.of(here));
    if (first) {
      String root = scope.path().substring(0, (scope.path() + "/").indexOf('/'));
      checkpoints.add(record(run, root + "/" + SEGMENT + id, value, Optional.of(place)));
    }
    return new Commit(
        List.of(
            run.event(
                EventTypes.PATCH_DECIDED,
                scope.displayPath(),
                scope.attempt(),
                Payload.obj()
                    .str("patch", id)
                    .bool("patched", value)
                    .str("reason", passed ? "recorded before the patch" : "new")
                    .build())),
        checkpoints,
        Optional.empty());
  }

  private static Checkpoint record(
      RunServices run, String path, boolean value, Optional<String> place) {
    Payload p = Payload.obj().bool("patched", value);
    place.ifPresent(where -> p.str("place", where));
    return new Checkpoint(path, 1, Kind.COMPLETED, p.build(), run.clock().now());
  }

  /** The scope a place belongs to, as paths show it. */
  private static String scopeOf(String place) {
    return place.substring(0, place.lastIndexOf("/" + SEGMENT));
  }

  /**
   * Whether two places lie in different branches of one {@code all}, so neither runs before the
   * other; otherwise one line of execution leads from one to the other.
   */
  static boolean concurrent(String placeA, String placeB) {
    String[] a = scopeOf(placeA).split("/");
    String[] b = scopeOf(placeB).split("/");
    int i = 0;
    while (i < a.length && i < b.length && a[i].equals(b[i])) {
      i++;
    }
    if (i == a.length || i == b.length) {
      return false;
    }
    int ba = a[i].indexOf('[');
    int bb = b[i].indexOf('[');
    return a[i].startsWith("all#")
        && ba > 0
        && bb > 0
        && a[i].substring(0, ba).equals(b[i].substring(0, bb));
  }
}
