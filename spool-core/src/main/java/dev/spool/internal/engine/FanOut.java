package dev.spool.internal.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/** {@code ctx.all}: one virtual thread per item, each in its own branch scope. */
final class FanOut {
  private FanOut() {}

  static <T, R> List<R> all(Scope parent, List<T> items, Function<T, R> fn) {
    RunServices run = parent.run();
    run.interruptions().checkCancelledAt(parent);
    int index = parent.calls().getAndIncrement();
    run.replay().checkSlot(parent.path(), index, "all");
    String group = parent.path() + "/all#" + index;
    int n = items.size();
    Object[] results = new Object[n];
    Throwable[] errors = new Throwable[n];
    List<Thread> threads = new ArrayList<>(n);
    run.interruptions().branchesStarted(n);
    try {
      for (int i = 0; i < n; i++) {
        int at = i;
        Scope branch = parent.branch(group, at);
        T item = items.get(at);
        threads.add(
            Thread.ofVirtual()
                .name("spool-branch-" + group + "[" + at + "]")
                .start(
                    () -> {
                      try {
                        results[at] = ContextImpl.within(branch, () -> fn.apply(item));
                      } catch (Throwable t) {
                        errors[at] = t;
                      }
                    }));
      }
      joinAll(threads);
    } finally {
      run.interruptions().branchesEnded(n);
    }
    // A halt outranks user failures: the run must stop, whatever the branches did.
    for (Throwable t : errors) {
      if (t instanceof Halt h) {
        throw h;
      }
    }
    for (Throwable t : errors) {
      if (t instanceof RuntimeException e) {
        throw e;
      }
      if (t instanceof Error e) {
        throw e;
      }
      if (t != null) {
        throw new IllegalStateException(t);
      }
    }
    @SuppressWarnings("unchecked")
    List<R> out = (List<R>) Collections.unmodifiableList(Arrays.asList(results));
    return out;
  }

  private static void joinAll(List<Thread> threads) {
    boolean interrupted = false;
    for (Thread t : threads) {
      while (true) {
        try {
          t.join();
          break;
        } catch (InterruptedException e) {
          // Stop the branches, but never return while one still runs.
          interrupted = true;
          threads.forEach(Thread::interrupt);
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
