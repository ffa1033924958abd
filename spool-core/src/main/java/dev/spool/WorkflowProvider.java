package dev.spool;

import java.util.List;

/**
 * Makes workflows known to the {@code spool} command ({@code worker}, {@code api}, {@code dev},
 * {@code run}) without writing a main class: implement it, list the class in {@code
 * META-INF/services/dev.spool.WorkflowProvider}, and put the jar on {@code SPOOL_CLASSPATH}.
 */
public interface WorkflowProvider {
  List<Workflow<?, ?>> workflows();
}
