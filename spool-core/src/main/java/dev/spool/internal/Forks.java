package dev.spool.internal;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.store.Checkpoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which checkpoints a fork reuses. "Before a step" is the order of the step tree, which is the
 * order the code calls steps in, not the order in time: step ids number the calls under each parent
 * ({@code name#i}, and {@code all#i[b]} for branch b of a fan-out), so a checkpoint is before step
 * P when, at the first segment where their paths part, its call index (or its branch index under
 * the same fan-out) is smaller than P's. P itself, everything inside it and its ancestors are not
 * before it; neither are steps in another attempt of the same step, nor keyed steps ({@code
 * name:key}), whose order the path does not tell. The order is the same on every store and with any
 * clock, and a fork replays exactly the prefix of the workflow's code that ran before P.
 */
public final class Forks {
  private static final Pattern SLOT = Pattern.compile("^.+#(\\d+)(?:@(\\d+))?(?:\\[(\\d+)])?$");

  private Forks() {}

  /** The step paths a run's stream shows started, in the order they first started. */
  public static Set<String> stepPaths(Collection<Event> events) {
    Set<String> paths = new LinkedHashSet<>();
    for (Event e : events) {
      if (EventTypes.STEP_STARTED.equals(e.type()) && !e.path().isEmpty()) {
        paths.add(e.path());
      }
    }
    return paths;
  }

  /** The checkpoints of {@code checkpoints} recorded for steps before {@code step}, in order. */
  public static List<Checkpoint> seed(List<Checkpoint> checkpoints, String step) {
    List<Checkpoint> out = new ArrayList<>();
    for (Checkpoint c : checkpoints) {
      if (before(c.path(), step)) {
        out.add(c);
      }
    }
    return out;
  }

  /** Whether the step at {@code path} comes before {@code step} in the step tree. */
  public static boolean before(String path, String step) {
    String[] a = path.split("/", -1);
    String[] b = step.split("/", -1);
    for (int i = 0; i < a.length && i < b.length; i++) {
      if (a[i].equals(b[i])) {
        continue;
      }
      Matcher x = SLOT.matcher(a[i]);
      Matcher y = SLOT.matcher(b[i]);
      if (i == 0 || !x.matches() || !y.matches()) {
        return false;
      }
      int cx = Integer.parseInt(x.group(1));
      int cy = Integer.parseInt(y.group(1));
      if (cx != cy) {
        return cx < cy;
      }
      if (x.group(2) != null || y.group(2) != null || x.group(3) == null || y.group(3) == null) {
        return false; // another attempt of the same step
      }
      return Integer.parseInt(x.group(3)) < Integer.parseInt(y.group(3));
    }
    return false; // the same step, an ancestor, or a step inside it
  }
}
