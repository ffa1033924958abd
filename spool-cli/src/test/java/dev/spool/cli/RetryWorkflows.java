package dev.spool.cli;

import dev.spool.Component;
import dev.spool.NonRetryableException;
import dev.spool.RetryPolicy;
import dev.spool.Workflow;
import dev.spool.WorkflowProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * The code the retry and fork tests deploy, chosen by the worker process's environment: {@value
 * #CODE} is {@code buggy} (step {@code failAt} throws) or {@code fixed}; every step attempt appends
 * {@code RUN step N} to the ledger file {@value #LEDGER}, so a test counts what ran. Without
 * {@value #CODE} (in the environment, or as a system property while a test runs a command in its
 * own JVM) the provider gives nothing, so other tests see only the usual workflows.
 */
public final class RetryWorkflows implements WorkflowProvider {
  static final String CODE = "SPOOL_TEST_RETRY_CODE";
  static final String LEDGER = "SPOOL_TEST_RETRY_LEDGER";
  static final String NAME = "ledger-steps";

  /** {@code steps} steps; step i returns {@code i * factor}; the result is their sum. */
  public record Input(int steps, int factor, int failAt) {}

  record Step(int number, int factor, int failAt) {}

  @Override
  public List<Workflow<?, ?>> workflows() {
    return setting(CODE)
        .<List<Workflow<?, ?>>>map(
            code -> List.of(workflow(code.equals("buggy"), Path.of(setting(LEDGER).orElseThrow()))))
        .orElse(List.of());
  }

  /** From the environment (a worker process), else a system property (an in-process command). */
  private static Optional<String> setting(String name) {
    return Optional.ofNullable(System.getenv(name))
        .or(() -> Optional.ofNullable(System.getProperty(name)));
  }

  static Workflow<Input, Integer> workflow(boolean buggy, Path ledger) {
    Component<Step, Integer> step =
        Component.<Step, Integer>of(
                "step",
                Integer.class,
                (ctx, s) -> {
                  append(ledger, ctx.runId() + " step " + s.number() + "\n");
                  if (buggy && s.number() == s.failAt()) {
                    throw new NonRetryableException("bug in step " + s.number());
                  }
                  return s.number() * s.factor();
                })
            .retry(RetryPolicy.none());
    return Workflow.of(
            NAME,
            Input.class,
            Integer.class,
            (ctx, in) -> {
              int sum = 0;
              for (int i = 1; i <= in.steps(); i++) {
                sum += ctx.call(step, new Step(i, in.factor(), in.failAt()));
              }
              return sum;
            })
        .description("Test steps that write a ledger; buggy or fixed by the environment.");
  }

  /** The ledger's lines about {@code runId}: which steps ran, one line per attempt. */
  static List<String> ledger(Path file, String runId) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    return Files.readAllLines(file).stream()
        .filter(l -> l.startsWith(runId + " "))
        .map(l -> l.substring(runId.length() + 1))
        .toList();
  }

  private static void append(Path ledger, String line) {
    try {
      Files.writeString(ledger, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
