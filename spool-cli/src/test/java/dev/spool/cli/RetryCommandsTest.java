package dev.spool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.RunStatus;
import dev.spool.Spool;
import dev.spool.Workflow;
import dev.spool.builtin.Builtins;
import dev.spool.store.sqlite.SqliteRunStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spool retry}, {@code fork} and {@code runs retry|cancel} on a store no worker serves. */
class RetryCommandsTest {
  @TempDir Path dir;

  @Test
  void bulkCancelAndRetryByFilterAndTheRefusals() {
    Cli cli = new Cli(dir);
    String a;
    String b;
    try (SqliteRunStore store = SqliteRunStore.open(dir.resolve("spool.db"))) {
      Spool spool =
          Spool.builder(store).register(Builtins.all().toArray(new Workflow<?, ?>[0])).build();
      a = spool.start("steps", "{\"steps\":3}").run().runId();
      b = spool.start("steps", "{\"steps\":3}").run().runId();
      spool.start("hello", "{\"name\":\"Ada\"}");
    }

    Cli.Result queued = cli.run("retry", a);
    assertThat(queued.exit()).isEqualTo(1);
    assertThat(queued.err()).contains("is queued", "only a failed or cancelled run");

    Cli.Result cancelled = cli.run("runs", "cancel", "--workflow", "steps", "--status", "queued");
    assertThat(cancelled.exit()).as(cancelled.err()).isZero();
    assertThat(cancelled.outLines()).containsExactly("cancelled 2 of 2 matching runs", b, a);

    Cli.Result retried =
        cli.run("runs", "retry", "--workflow", "steps", "--since", "24h", "--limit", "1");
    assertThat(retried.outLines()).containsExactly("retried 1 of 1 matching runs", b);
    assertThat(cli.run("retry", a, "--reason", "again").out()).contains("retried run " + a);
    try (SqliteRunStore store = SqliteRunStore.open(dir.resolve("spool.db"))) {
      assertThat(store.getRun(a).orElseThrow().status()).isEqualTo(RunStatus.QUEUED);
    }

    Cli.Result unknown = cli.run("fork", a, "--from-step", "steps/step#0");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("has no step 'steps/step#0'", "not started any step");
    assertThat(cli.run("runs", "retry", "--status", "lost").exit()).isEqualTo(2);
    assertThat(cli.run("runs", "retry", "--since", "soon").exit()).isEqualTo(2);
    assertThat(cli.run("retry", "nope").exit()).isEqualTo(2);
  }
}
