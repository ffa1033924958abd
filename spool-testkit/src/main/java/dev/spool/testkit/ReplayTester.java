package dev.spool.testkit;

import dev.spool.RunHistory;
import dev.spool.Workflow;
import dev.spool.testkit.internal.Replayer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Replay before deploy: runs new workflow code against recorded run histories ({@code spool runs
 * export RUN > run.json}) through the real engine, and says whether the code still replays them. A
 * step the history checkpointed returns its recorded output and its code is not called, so a replay
 * needs no model, network or store; a step the history recorded without a checkpoint runs again, as
 * on a real resume.
 *
 * <pre>{@code
 * ReplayTester.of(blog.workflow())
 *     .replay(Path.of("src/test/resources/histories/blog-writer.json"))
 *     .assertMatches(); // AssertionError: "… no longer replays: at blog-writer/edit#4 …"
 * }</pre>
 *
 * <p>The result says how far the code got: to the run's end, up to the step or wait where the
 * recorded run stood, or up to the first step that no longer matches (a renamed, reordered,
 * inserted or removed step, a checkpoint that no longer reads as the step's output type, or a new
 * failure where the run completed). The run is replayed on the code's version, whatever version
 * recorded it.
 */
public final class ReplayTester {
  private final Map<String, Workflow<?, ?>> workflows;
  private final Duration timeout;

  private ReplayTester(Map<String, Workflow<?, ?>> workflows, Duration timeout) {
    this.workflows = workflows;
    this.timeout = timeout;
  }

  /** A tester for histories of these workflows, each picked by its name. */
  public static ReplayTester of(Workflow<?, ?>... workflows) {
    Map<String, Workflow<?, ?>> byName = new LinkedHashMap<>();
    for (Workflow<?, ?> w : workflows) {
      if (byName.put(w.name(), w) != null) {
        throw new IllegalArgumentException("workflow '" + w.name() + "' given twice");
      }
    }
    if (byName.isEmpty()) {
      throw new IllegalArgumentException("give at least one workflow");
    }
    return new ReplayTester(Map.copyOf(byName), Duration.ofSeconds(60));
  }

  /** How long one replay may take before it counts as stuck (default 60 s). */
  public ReplayTester timeout(Duration timeout) {
    if (!timeout.isPositive()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    return new ReplayTester(workflows, timeout);
  }

  /** Replays one history file written by {@code spool runs export}. */
  public ReplayResult replay(Path file) {
    try {
      return replay(RunHistory.fromJson(Files.readString(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the history " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** Replays every {@code *.json} history in a directory, in file-name order. */
  public List<ReplayResult> replayAll(Path directory) {
    List<Path> files;
    try (Stream<Path> s = Files.list(directory)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the histories in " + directory, e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no *.json history in " + directory);
    }
    List<ReplayResult> results = new ArrayList<>();
    files.forEach(f -> results.add(replay(f)));
    return results;
  }

  /** Replays one history. */
  public ReplayResult replay(RunHistory history) {
    Objects.requireNonNull(history, "history");
    String name = history.run().workflow();
    Workflow<?, ?> workflow = workflows.get(name);
    if (workflow == null) {
      throw new IllegalArgumentException(
          "the history of run "
              + history.run().runId()
              + " is of workflow '"
              + name
              + "', which this tester was not given (it has "
              + workflows.keySet()
              + ")");
    }
    try {
      return new Replayer(workflow, history).replay(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while replaying " + history.run().runId(), e);
    }
  }
}
