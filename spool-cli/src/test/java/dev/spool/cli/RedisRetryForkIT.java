package dev.spool.cli;

import dev.spool.store.redis.RedisRunStore;
import dev.spool.testkit.RedisServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RetryForkScenario} on Redis, the commands sent to a {@code spool api} process with {@code
 * --server}: the API process knows the test workflow (to check a fork's input), and only the worker
 * processes run it.
 */
class RedisRetryForkIT {
  private static final Pattern LISTENING = Pattern.compile("spool api on (http://\\S+)");

  @TempDir Path dir;

  private void run(Scenario test) throws Exception {
    try (RedisServer redis = RedisServer.start(dir.resolve("redis"));
        RedisRunStore store = RedisRunStore.open(redis.uri())) {
      RetryForkScenario s = new RetryForkScenario(dir, redis.uri(), store, null);
      try (SpoolProcess api =
          SpoolProcess.start(
              dir,
              "api",
              s.env("fixed"),
              "api",
              "--store",
              redis.uri(),
              "--port",
              "0",
              "--no-auth")) {
        api.awaitLog("OpenAPI:", 90);
        Matcher m = LISTENING.matcher(api.log());
        if (!m.find()) {
          throw new AssertionError(api.log());
        }
        String url = m.group(1);
        test.run(
            new RetryForkScenario(
                dir,
                redis.uri(),
                store,
                args -> {
                  List<String> all = new ArrayList<>(args);
                  all.addAll(List.of("--server", url));
                  return Cli.raw(all.toArray(String[]::new));
                }));
      }
    }
  }

  interface Scenario {
    void run(RetryForkScenario s) throws Exception;
  }

  @Test
  void aFailedRunCompletesAfterTheFixWithoutRerunningItsCompletedSteps() throws Exception {
    run(RetryForkScenario::failedRunsCompleteAfterTheFixWithoutRerunningCompletedSteps);
  }

  @Test
  void aForkFromStepSevenRunsOnlyStepsSevenToTenWithItsNewInput() throws Exception {
    run(RetryForkScenario::aForkFromStepSevenRunsOnlyStepsSevenToTen);
  }
}
