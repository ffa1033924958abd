package dev.spool.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class OutageTest {
  /** Keeps what is logged. */
  private static final class Captured implements System.Logger {
    final List<String> lines = new ArrayList<>();

    @Override
    public String getName() {
      return "test";
    }

    @Override
    public boolean isLoggable(Level level) {
      return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      lines.add(level + " " + msg);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      lines.add(level + " " + format);
    }

    @Override
    public void log(Level level, Supplier<String> msgSupplier) {
      lines.add(level + " " + msgSupplier.get());
    }
  }

  @Test
  void anOutageIsLoggedOnceWhenItBeginsAndOnceWhenItEnds() {
    Captured log = new Captured();
    Outage outage = new Outage(log, "worker w1");

    outage.ok();
    outage.failed(new StoreException("Redis at redis://h:1/0 is unreachable"));
    outage.failed(new StoreException("again"));
    outage.failed(new StoreException("and again"));
    outage.ok();
    outage.ok();

    assertThat(log.lines).hasSize(2);
    assertThat(log.lines.get(0))
        .startsWith("WARNING worker w1: the store is unreachable")
        .contains("redis://h:1/0");
    assertThat(log.lines.get(1))
        .startsWith("WARNING worker w1: the store is reachable again after");
  }
}
