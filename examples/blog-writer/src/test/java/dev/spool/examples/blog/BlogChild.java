package dev.spool.examples.blog;

import dev.spool.Spool;
import dev.spool.store.Store;
import dev.spool.store.sqlite.SqliteRunStore;
import dev.spool.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A worker JVM for the blog writer on a SQLite file, its model the provider at {@code BASE_URL}
 * configured the way users do it (the {@code SPOOL_LLM_*} variables), so a test can {@code kill -9}
 * it mid-run and resume the run in another one.
 *
 * <p>Args: {@code start DB BASE_URL} (prints the new run's id first) or {@code resume DB BASE_URL
 * RUN_ID}.
 */
public final class BlogChild {
  static final String TOPIC = "retries and rate limits for LLM agents";

  private BlogChild() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> env =
        Map.of(
            "SPOOL_LLM_BASE_URL", args[2],
            "SPOOL_LLM_API_KEY", "test",
            "SPOOL_LLM_MODEL", "fake-model");
    try (Store store = SqliteRunStore.open(Path.of(args[1]));
        BlogWriterApp app = BlogWriterApp.create(env, 0)) {
      Spool spool =
          Spool.builder(store)
              .register(app.on(store.limits()).workflow())
              .leaseTtl(Duration.ofSeconds(3))
              .build();
      String runId =
          args[0].equals("start")
              ? spool.start(BlogWriter.NAME, "{\"topic\":\"" + TOPIC + "\"}").run().runId()
              : args[3];
      System.out.println(runId);
      System.out.flush();
      try (Worker w = Worker.start(spool, 1, Optional.of(runId))) {
        spool.follow(runId, 0, e -> {});
        w.awaitIdle(Duration.ofSeconds(10));
      }
    }
  }
}
