package dev.spool.bench.engines;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.workflow.Workflow;

/** The benchmark workload on DBOS Transact: N trivial steps, each checkpointed by DBOS. */
public interface DbosSteps {
  int run(int steps);

  /** The implementation DBOS proxies. */
  final class Impl implements DbosSteps {
    private final DBOS dbos;

    Impl(DBOS dbos) {
      this.dbos = dbos;
    }

    @Override
    @Workflow(name = "bench-steps")
    public int run(int steps) {
      for (int i = 1; i <= steps; i++) {
        int n = i;
        dbos.runStep(() -> "step " + n, "step");
      }
      return steps;
    }
  }
}
