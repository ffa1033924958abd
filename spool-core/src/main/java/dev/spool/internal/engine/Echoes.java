package dev.spool.internal.engine;

import dev.spool.Event;
import dev.spool.EventTypes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * What earlier executions of a run wrote from inside step bodies, and which output still stands.
 *
 * <p>Echoes: on resume, a body that replays (the workflow body, an unchecked step that finished)
 * calls {@code progress}, {@code output} and {@code event} again for work that already wrote them.
 * Each scope's calls are numbered; the first ones, as many as the stream already holds for that
 * scope, are echoes and are not written again.
 *
 * <p>Superseded output: a step attempt that did not finish (its worker died, it failed, it is
 * retried) may have streamed output that its next run will not repeat chunk for chunk (an LLM
 * answers differently). Such an attempt does not replay, it runs anew: its echoes are forgotten, so
 * what it writes now is all written, and the output the unfinished run wrote is declared void by an
 * {@code output.superseded} event at the same path and attempt. A client drops every earlier {@code
 * output} event of that path and attempt, and the text it assembles equals the result.
 */
final class Echoes {
  /** A scope below a step attempt that is still part of that attempt: a branch of {@code all}. */
  private static final Pattern BRANCHES = Pattern.compile("(/all#\\d+\\[\\d+\\])+");

  /** Where and by which attempt an event was written. */
  record Key(String path, int attempt) {}

  private static final Comparator<Key> BY_PATH =
      Comparator.comparing(Key::path).thenComparingInt(Key::attempt);

  private record Echo(String type, Key key) {}

  private final Map<Echo, AtomicInteger> left = new ConcurrentHashMap<>();
  private final Set<Key> finished = ConcurrentHashMap.newKeySet();
  private final Map<Key, Integer> liveChunks = new ConcurrentHashMap<>();

  /** Nothing written before: a first execution's, or a resumed one's until {@link #read} is fed. */
  Echoes() {}

  /** Takes in one event of the stream as earlier executions left it, in seq order. */
  void read(Event e) {
    Key key = new Key(e.path(), e.attempt());
    if (writtenByBody(e.type())) {
      left.computeIfAbsent(new Echo(e.type(), key), k -> new AtomicInteger()).incrementAndGet();
    }
    switch (e.type()) {
      case EventTypes.OUTPUT -> outputWritten(e.path(), e.attempt());
      case EventTypes.OUTPUT_SUPERSEDED -> outputSuperseded(e.path(), e.attempt());
      case EventTypes.STEP_COMPLETED, EventTypes.STEP_RETRYING, EventTypes.STEP_FAILED ->
          finished.add(key);
      default -> {}
    }
  }

  /** Events a step body writes itself (progress, output, custom events), which replay repeats. */
  private static boolean writtenByBody(String type) {
    return type.equals(EventTypes.PROGRESS)
        || type.equals(EventTypes.OUTPUT)
        || !(type.startsWith("run.")
            || type.startsWith("step.")
            || type.startsWith("signal.")
            || type.startsWith("worker.")
            || type.startsWith("patch."));
  }

  /** True (and consumes one) if this call was already written by an earlier execution. */
  boolean alreadyWritten(String type, String path, int attempt) {
    if (left.isEmpty()) {
      return false;
    }
    AtomicInteger n = left.get(new Echo(type, new Key(path, attempt)));
    return n != null && n.getAndUpdate(v -> Math.max(0, v - 1)) > 0;
  }

  /** An output chunk of (path, attempt) is in the stream. */
  void outputWritten(String path, int attempt) {
    liveChunks.merge(new Key(path, attempt), 1, Integer::sum);
  }

  /** The output of (path, attempt) so far was declared void. */
  void outputSuperseded(String path, int attempt) {
    liveChunks.remove(new Key(path, attempt));
  }

  /**
   * The step attempt whose events carry {@code stepPath} and {@code attempt}, and whose children
   * live under {@code scopePath}, is about to run its body. If an earlier execution started it and
   * did not finish it, that body runs anew rather than replays: its echoes are forgotten, and the
   * output it wrote is returned (and forgotten) to be superseded.
   *
   * @return (path, attempt) → chunk count of the output to supersede; empty for a fresh attempt
   */
  Map<Key, Integer> restart(String stepPath, String scopePath, int attempt) {
    if (finished.contains(new Key(stepPath, attempt))) {
      return Map.of(); // an unchecked step that finished before: it replays, and echoes apply
    }
    left.keySet().removeIf(echo -> inAttempt(echo.key(), stepPath, scopePath, attempt));
    return takeLive(stepPath, scopePath, attempt);
  }

  /**
   * The attempt ended without a result: the output it wrote is returned (and forgotten), with that
   * of every step nested in it, finished or not, since the next attempt runs them all again.
   */
  Map<Key, Integer> ended(String stepPath, String scopePath, int attempt) {
    return takeLive(
        k ->
            (k.path().equals(stepPath) && k.attempt() == attempt)
                || k.path().startsWith(scopePath + "/"));
  }

  private Map<Key, Integer> takeLive(String stepPath, String scopePath, int attempt) {
    return takeLive(k -> inAttempt(k, stepPath, scopePath, attempt));
  }

  private Map<Key, Integer> takeLive(java.util.function.Predicate<Key> belongs) {
    Map<Key, Integer> taken = new TreeMap<>(BY_PATH);
    for (Key k : new ArrayList<>(liveChunks.keySet())) {
      if (belongs.test(k)) {
        Integer n = liveChunks.remove(k);
        if (n != null) {
          taken.put(k, n);
        }
      }
    }
    return taken;
  }

  /** Whether events at {@code k} were written by the attempt itself or its {@code all} branches. */
  private static boolean inAttempt(Key k, String stepPath, String scopePath, int attempt) {
    if (k.attempt() != attempt) {
      return false;
    }
    String p = k.path();
    return p.equals(stepPath)
        || (p.startsWith(scopePath + "/")
            && BRANCHES.matcher(p.substring(scopePath.length())).matches());
  }
}
