package dev.spool.examples.onboarding;

import dev.spool.Workflow;
import dev.spool.WorkflowProvider;
import dev.spool.examples.common.Lazy;
import dev.spool.store.Store;
import dev.spool.store.memory.MemoryLimits;
import java.util.List;

/**
 * Makes {@code onboarding} known to {@code spool dev}, {@code spool worker} and {@code spool run}
 * (listed in {@code META-INF/services/dev.spool.WorkflowProvider}). One {@link OnboardingApp} per
 * process, configured from the environment.
 */
public final class OnboardingProvider implements WorkflowProvider {
  private static final Lazy<OnboardingApp> APP =
      Lazy.of(() -> OnboardingApp.create(System.getenv()));

  /** For listing: its LLM limits, should it run, are kept in this process only. */
  @Override
  public List<Workflow<?, ?>> workflows() {
    return List.of(APP.get().on(new MemoryLimits()).workflow());
  }

  @Override
  public List<Workflow<?, ?>> workflows(Store store) {
    return List.of(APP.get().on(store.limits()).workflow());
  }
}
