package dev.spool.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Component;
import dev.spool.RetryPolicy;
import dev.spool.RunStatus;
import dev.spool.builtin.Hello;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ComponentTesterTest {
  record Topic(String text) {}

  final AtomicInteger bodyRuns = new AtomicInteger();

  final Component<Topic, String> title =
      Component.<Topic, String>of(
              "title",
              String.class,
              (ctx, t) -> {
                bodyRuns.incrementAndGet();
                ctx.output("text", "Title: ");
                ctx.output("text", t.text());
                return "Title: " + t.text();
              })
          .retry(RetryPolicy.exponential(4, Duration.ofSeconds(1)).withJitter(0));

  @Test
  void injectedFailuresAreRetriedOnTheTestClock() {
    ComponentTester t = ComponentTester.create();
    Instant start = t.clock().now();
    t.failNext("title", 2, () -> new IOException("provider down"));

    TestRun<String> run = t.run(title, new Topic("Durable agents"));

    assertThat(run.outputOrThrow()).isEqualTo("Title: Durable agents");
    assertThat(run.events("step.retrying")).hasSize(2);
    assertThat(run.attempts("test/title#0")).isEqualTo(3);
    assertThat(bodyRuns.get()).as("injected failures fail before the body runs").isEqualTo(1);
    assertThat(t.clock().now()).isEqualTo(start.plusSeconds(1 + 2));
    assertThat(run.outputText("text")).isEqualTo("Title: Durable agents");
  }

  @Test
  void exhaustedRetriesFailTheRunWithTheLastError() {
    ComponentTester t = ComponentTester.create();
    t.failNext("title", 4, () -> new IOException("still down"));

    TestRun<String> run = t.run(title, new Topic("x"));

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.output()).isEmpty();
    assertThat(run.error().orElseThrow()).contains("still down").contains("after 4 attempts");
  }

  @Test
  void fallbackIsTheErrorBoundary() {
    ComponentTester t = ComponentTester.create();
    t.failNext("title", 4, () -> new IOException("down"));

    TestRun<String> run = t.run(title.fallback((ctx, in, failure) -> "Untitled"), new Topic("x"));

    assertThat(run.outputOrThrow()).isEqualTo("Untitled");
    assertThat(run.events("step.fallback")).hasSize(1);
  }

  @Test
  void runsAWorkflowAndAssemblesItsStreamedOutput() {
    TestRun<String> run = ComponentTester.create().run(Hello.WORKFLOW, new Hello.Input("Ada", 0));

    assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(run.outputText("text")).isEqualTo(run.outputOrThrow());
    assertThat(run.events("progress")).hasSize(2);
  }
}
