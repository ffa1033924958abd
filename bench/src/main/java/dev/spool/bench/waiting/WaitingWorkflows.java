package dev.spool.bench.waiting;

import dev.spool.Component;
import dev.spool.Workflow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs that wait: in a durable sleep, or inside a step blocked on a slow HTTP call. */
final class WaitingWorkflows {
  /** How many run bodies reached their wait; more than started means some were re-executed. */
  static final AtomicInteger ENTERED = new AtomicInteger();

  static volatile URI slowServer;

  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(30))
          .build();

  /** The run's input. */
  record Input(int minutes) {}

  static final Workflow<Input, Integer> SLEEP =
      Workflow.of(
          "bench-wait-sleep",
          Input.class,
          Integer.class,
          (ctx, in) -> {
            ENTERED.incrementAndGet();
            ctx.sleep(Duration.ofMinutes(in.minutes()));
            return 0;
          });

  /** A step that calls the slow server, as a step calling an LLM provider does. */
  static final Component<Integer, Integer> SLOW_CALL =
      Component.of(
          "slow-call",
          Integer.class,
          (ctx, minutes) -> {
            ENTERED.incrementAndGet();
            HttpResponse<Void> r =
                HTTP.send(
                    HttpRequest.newBuilder(slowServer)
                        .timeout(Duration.ofMinutes(minutes))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"wait\"}"))
                        .build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode();
          });

  static final Workflow<Input, Integer> HTTP_CALL =
      Workflow.of(
          "bench-wait-http",
          Input.class,
          Integer.class,
          (ctx, in) -> ctx.call(SLOW_CALL, in.minutes()));

  private WaitingWorkflows() {}
}
