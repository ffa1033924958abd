package dev.spool.internal.engine;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A place in a run's step tree where calls are made: a workflow body, a step attempt, or a branch
 * of {@code all}. Child steps are numbered in call order under it.
 *
 * @param path prefix of its children's paths, for example {@code blog/outline#0} or {@code
 *     blog/outline#0@2} for a second attempt
 * @param stepPath the step this scope belongs to, as events show it
 * @param attempt that step's attempt
 */
record Scope(
    RunServices run,
    String path,
    String stepPath,
    int attempt,
    AtomicInteger calls,
    AtomicInteger draws,
    AbandonFlag abandoned) {

  /** Shared by a step attempt and the branches below it, set when the attempt is given up. */
  static final class AbandonFlag {
    private final AbandonFlag parent;
    private volatile boolean set;

    AbandonFlag(AbandonFlag parent) {
      this.parent = parent;
    }

    void set() {
      set = true;
    }

    boolean isSet() {
      return set || (parent != null && parent.isSet());
    }
  }

  /** The workflow body's scope; its attempt is always 1 (the run's own attempt is the lease's). */
  static Scope root(RunServices run, String workflow) {
    return new Scope(
        run,
        workflow,
        workflow,
        1,
        new AtomicInteger(),
        new AtomicInteger(),
        new AbandonFlag(null));
  }

  /**
   * The path events from this scope carry: its own path without the attempt marker (the attempt is
   * a field of its own), so a branch keeps its {@code [i]}.
   */
  String displayPath() {
    int at = path.lastIndexOf('@');
    return at > path.lastIndexOf('/') ? path.substring(0, at) : path;
  }

  /** The scope of one attempt of the child step at {@code childPath}. */
  Scope attemptOf(String childPath, int childAttempt) {
    String p = childAttempt == 1 ? childPath : childPath + "@" + childAttempt;
    return new Scope(
        run,
        p,
        childPath,
        childAttempt,
        new AtomicInteger(),
        new AtomicInteger(),
        new AbandonFlag(abandoned));
  }

  /** The scope of branch {@code i} of a fan-out at {@code groupPath}. */
  Scope branch(String groupPath, int i) {
    return new Scope(
        run,
        groupPath + "[" + i + "]",
        stepPath,
        attempt,
        new AtomicInteger(),
        new AtomicInteger(),
        new AbandonFlag(abandoned));
  }

  void checkLive() {
    if (abandoned.isSet()) {
      throw new Halt.Abandoned("step attempt " + stepPath + "#" + attempt + " was given up");
    }
  }
}
