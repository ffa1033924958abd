package dev.spool.testkit.crash;

import dev.spool.Component;
import dev.spool.Spool;
import dev.spool.TypeRef;
import dev.spool.Workflow;
import dev.spool.store.Store;
import dev.spool.store.sqlite.SqliteRunStore;
import dev.spool.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A separate JVM that runs (or resumes) the {@code crashy} workflow on a SQLite file, so a test can
 * {@code kill -9} it for real. Every step body appends one line to a side-effect log before it
 * returns, which lets the test count executions.
 *
 * <p>Args: {@code start|resume DB LOG STEPS [RUN_ID]}; {@code start} prints the run id first.
 */
public final class CrashChild {
  private CrashChild() {}

  record Input(int steps) {}

  static Workflow<Input, List<String>> workflow(Path log) {
    Component<Integer, String> step =
        Component.of(
            "work",
            String.class,
            (ctx, i) -> {
              Thread.sleep(40);
              Files.writeString(
                  log, i + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
              return "r" + i;
            });
    return Workflow.of(
        "crashy",
        Input.class,
        new TypeRef<List<String>>() {},
        (ctx, in) -> {
          List<String> out = new ArrayList<>();
          for (int i = 0; i < in.steps(); i++) {
            out.add(ctx.call(step, i));
            ctx.progress(new Progress(i));
          }
          return out;
        });
  }

  record Progress(int done) {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path db = Path.of(args[1]);
    Path log = Path.of(args[2]);
    int steps = Integer.parseInt(args[3]);
    try (Store store = SqliteRunStore.open(db)) {
      Spool spool =
          Spool.builder(store).register(workflow(log)).leaseTtl(Duration.ofSeconds(3)).build();
      String runId =
          mode.equals("start")
              ? spool.start("crashy", "{\"steps\":" + steps + "}").run().runId()
              : args[4];
      System.out.println(runId);
      System.out.flush();
      try (Worker w = Worker.start(spool, 1, Optional.of(runId))) {
        spool.follow(runId, 0, e -> {});
        w.awaitIdle(Duration.ofSeconds(10)); // let the run's writer finish before the store closes
      }
    }
  }
}
