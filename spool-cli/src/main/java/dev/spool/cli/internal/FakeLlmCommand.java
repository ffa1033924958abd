package dev.spool.cli.internal;

import dev.spool.testkit.llm.FakeLlmServer;
import dev.spool.worker.StopSignals;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code spool fake-llm}: the testkit's fake OpenAI-compatible provider as a process. */
@Command(
    name = "fake-llm",
    mixinStandardHelpOptions = true,
    description = {
      "Serve a fake OpenAI-compatible LLM on 127.0.0.1 for demos, tests and benchmarks:",
      "POST /v1/chat/completions (JSON or SSE), GET /v1/models, with deterministic text and",
      "injectable latency, errors, 429s and outages. GET /fake/stats shows its counters;",
      "POST /fake/down and /fake/up start and end an outage. Point Spool at it with",
      "SPOOL_LLM_BASE_URL=http://127.0.0.1:PORT/v1 SPOOL_LLM_API_KEY=fake SPOOL_LLM_MODEL=fake-model."
    })
public final class FakeLlmCommand implements Callable<Integer> {
  @ParentCommand private CliContext cli;

  @Option(
      names = "--port",
      paramLabel = "P",
      defaultValue = "8089",
      description = "Port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--latency",
      paramLabel = "DURATION",
      defaultValue = "0ms",
      converter = DurationConverter.class,
      description = "Wait before the first byte of each answer (default: ${DEFAULT-VALUE}).")
  Duration latency;

  @Option(
      names = "--tokens-per-second",
      paramLabel = "N",
      defaultValue = "0",
      description = "Pace of the reply's tokens; 0 sends them at once (default: ${DEFAULT-VALUE}).")
  double tokensPerSecond;

  @Option(
      names = "--error-rate",
      paramLabel = "P",
      defaultValue = "0",
      description = "Chance (0..1) that a request fails with 500 (default: ${DEFAULT-VALUE}).")
  double errorRate;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "42",
      description = "Seed of the error draws (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--rpm",
      paramLabel = "N",
      description = "Requests per minute it accepts; more get 429 with Retry-After.")
  Long rpm;

  @Option(
      names = "--down-after",
      paramLabel = "N",
      description = "Goes down (503) after N requests.")
  Long downAfter;

  @Option(
      names = "--down-for",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "With --down-after: how long the outage lasts (default: until POST /fake/up).")
  Duration downFor;

  @Option(
      names = "--words",
      paramLabel = "N",
      defaultValue = "24",
      description = "Words in a reply (default: ${DEFAULT-VALUE}).")
  int words;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description = "Require this bearer key (default: any key is accepted).")
  String apiKey;

  @Override
  public Integer call() throws InterruptedException {
    Io io = cli.io();
    FakeLlmServer.Builder b;
    try {
      b =
          FakeLlmServer.builder()
              .port(port)
              .latency(latency)
              .tokensPerSecond(tokensPerSecond)
              .errorRate(errorRate)
              .seed(seed)
              .words(words);
      if (rpm != null) {
        b.requestsPerMinute(rpm);
      }
      if (downAfter != null) {
        b.downAfter(downAfter, downFor == null ? Duration.ZERO : downFor);
      } else if (downFor != null) {
        throw CliException.usage("--down-for needs --down-after");
      }
      if (apiKey != null) {
        b.apiKey(apiKey);
      }
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    StopSignals stop = StopSignals.install(io.err(), "stopping");
    try (FakeLlmServer fake = b.start()) {
      io.out().println("fake LLM on " + fake.baseUrl());
      io.out()
          .println(
              "use it: SPOOL_LLM_BASE_URL="
                  + fake.baseUrl()
                  + " SPOOL_LLM_API_KEY="
                  + (apiKey == null ? "fake" : apiKey)
                  + " SPOOL_LLM_MODEL=fake-model");
      io.out().println("stats:  curl http://127.0.0.1:" + fake.port() + "/fake/stats");
      io.out().flush();
      stop.await();
      io.err().println("stopping: " + fake.statsJson());
    }
    return 0;
  }
}
