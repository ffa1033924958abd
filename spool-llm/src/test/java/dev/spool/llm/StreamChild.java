package dev.spool.llm;

import dev.spool.Spool;
import dev.spool.Workflow;
import dev.spool.store.Store;
import dev.spool.store.sqlite.SqliteRunStore;
import dev.spool.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A separate JVM that runs (or resumes) a one-step streaming LLM workflow on a SQLite file against
 * a fake provider, so a test can {@code kill -9} it mid-stream.
 *
 * <p>Args: {@code start|resume DB BASE_URL [RUN_ID]}; {@code start} prints the run id first.
 */
public final class StreamChild {
  private StreamChild() {}

  record Topic(String text) {}

  static Workflow<Topic, Reply> workflow(Store store, String baseUrl) {
    Llm llm =
        Llm.builder(store.limits())
            .provider(LlmProvider.openAi(OpenAiEndpoint.of("fake", baseUrl, "k", "fake-model")))
            .build();
    var write = llm.stream("write", "text");
    return Workflow.of(
        "story", Topic.class, Reply.class, (ctx, t) -> ctx.call(write, Prompt.of(t.text())));
  }

  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[1]);
    try (Store store = SqliteRunStore.open(db)) {
      Spool spool =
          Spool.builder(store)
              .register(workflow(store, args[2]))
              .leaseTtl(Duration.ofSeconds(3))
              .build();
      String runId =
          args[0].equals("start")
              ? spool.start("story", "{\"text\":\"a story about durable agents\"}").run().runId()
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
