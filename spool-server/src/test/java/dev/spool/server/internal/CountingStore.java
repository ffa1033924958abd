package dev.spool.server.internal;

import dev.spool.store.RunStore;
import dev.spool.store.StoreException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real store seen through a counter of its event reads and waits, which can also be told to fail
 * every wait. Every other call passes through unchanged.
 */
final class CountingStore implements InvocationHandler {
  final AtomicInteger awaits = new AtomicInteger();
  final AtomicInteger reads = new AtomicInteger();
  final AtomicInteger waiting = new AtomicInteger();
  final AtomicInteger mostWaiting = new AtomicInteger();
  volatile boolean failWaits;
  private final RunStore real;

  CountingStore(RunStore real) {
    this.real = real;
  }

  RunStore store() {
    return (RunStore)
        Proxy.newProxyInstance(
            RunStore.class.getClassLoader(), new Class<?>[] {RunStore.class}, this);
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "awaitEvents" -> {
        awaits.incrementAndGet();
        if (failWaits) {
          throw new StoreException("boom: the store is down");
        }
        mostWaiting.accumulateAndGet(waiting.incrementAndGet(), Math::max);
        try {
          return call(method, args);
        } finally {
          waiting.decrementAndGet();
        }
      }
      case "readEvents" -> reads.incrementAndGet();
      default -> {}
    }
    return call(method, args);
  }

  private Object call(Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(real, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
