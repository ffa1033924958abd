package dev.spool.examples.blog;

import dev.spool.Workflow;
import dev.spool.WorkflowProvider;
import dev.spool.examples.common.Lazy;
import dev.spool.store.Store;
import dev.spool.store.memory.MemoryLimits;
import java.util.List;

/**
 * Makes {@code blog-writer} known to {@code spool dev}, {@code spool worker} and {@code spool run}
 * (listed in {@code META-INF/services/dev.spool.WorkflowProvider}). One {@link BlogWriterApp} per
 * process, configured from the environment.
 */
public final class BlogWriterProvider implements WorkflowProvider {
  private static final Lazy<BlogWriterApp> APP =
      Lazy.of(() -> BlogWriterApp.create(System.getenv(), BlogWriterApp.DEFAULT_TOKENS_PER_SECOND));

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
