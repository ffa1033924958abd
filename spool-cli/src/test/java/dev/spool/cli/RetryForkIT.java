package dev.spool.cli;

import dev.spool.store.sqlite.SqliteRunStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RetryForkScenario} on one SQLite file, the commands run with {@code --store}. */
class RetryForkIT {
  @TempDir Path dir;

  private RetryForkScenario scenario(SqliteRunStore store) {
    Cli cli = new Cli(dir);
    Path ledger = dir.resolve("ledger.txt");
    return new RetryForkScenario(
        dir,
        cli.storeUri(),
        store,
        args ->
            RetryForkScenario.withFixedCode(ledger, () -> cli.run(args.toArray(String[]::new))));
  }

  @Test
  void aFailedRunCompletesAfterTheFixWithoutRerunningItsCompletedSteps() throws Exception {
    try (SqliteRunStore store = SqliteRunStore.open(dir.resolve("spool.db"))) {
      scenario(store).failedRunsCompleteAfterTheFixWithoutRerunningCompletedSteps();
    }
  }

  @Test
  void aForkFromStepSevenRunsOnlyStepsSevenToTenWithItsNewInput() throws Exception {
    try (SqliteRunStore store = SqliteRunStore.open(dir.resolve("spool.db"))) {
      scenario(store).aForkFromStepSevenRunsOnlyStepsSevenToTen();
    }
  }
}
