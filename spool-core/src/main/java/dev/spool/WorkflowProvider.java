package dev.spool;

import dev.spool.store.Store;
import java.util.List;

/**
 * Makes workflows known to the {@code spool} command ({@code worker}, {@code api}, {@code dev},
 * {@code run}) without writing a main class: implement it, list the class in {@code
 * META-INF/services/dev.spool.WorkflowProvider}, and put the jar on {@code SPOOL_CLASSPATH}.
 */
public interface WorkflowProvider {
  /** The workflows, for a process that only lists or checks them ({@code spool workflows}). */
  List<Workflow<?, ?>> workflows();

  /**
   * The workflows for a process whose runs live in {@code store}. Workflows that share state
   * between workers through the store (the LLM layer's rate limits, for one) build it on this
   * store; the default is {@link #workflows()}. The provider does not own the store: it must not
   * close it.
   */
  default List<Workflow<?, ?>> workflows(Store store) {
    return workflows();
  }
}
