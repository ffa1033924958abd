package dev.spool.examples.common;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A value made on first use, once, by whichever thread asks first: the examples start their fake
 * provider and their loopback web only when a run needs them, not when a process merely lists
 * workflows.
 */
public final class Lazy<T> implements Supplier<T> {
  private final ReentrantLock lock = new ReentrantLock();
  private Supplier<? extends T> make;
  private volatile T value;

  private Lazy(Supplier<? extends T> make) {
    this.make = Objects.requireNonNull(make, "make");
  }

  public static <T> Lazy<T> of(Supplier<? extends T> make) {
    return new Lazy<>(make);
  }

  /** A value that is there already. */
  public static <T> Lazy<T> value(T value) {
    Lazy<T> l = new Lazy<>(() -> value);
    l.get();
    return l;
  }

  @Override
  public T get() {
    T v = value;
    if (v != null) {
      return v;
    }
    lock.lock();
    try {
      if (value == null) {
        value = Objects.requireNonNull(make.get(), "a lazy value must not be null");
        make = null;
      }
      return value;
    } finally {
      lock.unlock();
    }
  }

  /** Whether the value was made. */
  public boolean isMade() {
    return value != null;
  }
}
