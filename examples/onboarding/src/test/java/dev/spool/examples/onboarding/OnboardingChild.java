package dev.spool.examples.onboarding;

import dev.spool.Spool;
import dev.spool.examples.common.HttpWeb;
import dev.spool.examples.common.Lazy;
import dev.spool.examples.common.LocalWeb;
import dev.spool.store.RunStores;
import dev.spool.store.Store;
import dev.spool.worker.Worker;
import java.time.Duration;

/**
 * A worker JVM for the onboarding workflow: its store from a URI, its providers the test's primary
 * and backup fakes, its own local web. It prints {@code ready <worker id>} and works until killed.
 *
 * <p>Args: {@code STORE_URI PRIMARY_URL BACKUP_URL}.
 */
public final class OnboardingChild {
  private OnboardingChild() {}

  public static void main(String[] args) throws Exception {
    try (Store store = RunStores.open(args[0], false);
        LocalWeb web = LocalWeb.start(new CompanySite())) {
      Onboarding onboarding =
          new Onboarding(
              Lazy.value(Providers.llm(store.limits(), args[1], args[2])),
              new HttpWeb(() -> web, 16));
      Spool spool =
          Spool.builder(store)
              .register(onboarding.workflow())
              .leaseTtl(Duration.ofSeconds(5))
              .build();
      try (Worker w = Worker.start(spool, 1)) {
        System.out.println("ready " + w.id());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
      }
    }
  }
}
