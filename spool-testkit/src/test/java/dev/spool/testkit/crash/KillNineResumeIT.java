package dev.spool.testkit.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.RunStatus;
import dev.spool.store.RunInfo;
import dev.spool.store.RunStore;
import dev.spool.store.Store;
import dev.spool.store.sqlite.SqliteRunStore;
import dev.spool.testkit.ChildJvm;
import dev.spool.testkit.RunEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: a child JVM runs a 30-step workflow on a SQLite file and is killed with SIGKILL
 * part-way; a second JVM resumes the run. The result equals an uninterrupted run's, every step
 * checkpointed before the kill ran exactly once, and the event stream is gapless.
 */
class KillNineResumeIT {
  static final int STEPS = 30;
  static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void runKilledWithSigkillResumesInAnotherProcessFromItsCheckpoints() throws Exception {
    Path db = dir.resolve("spool.db");
    Path log = dir.resolve("effects.log");

    String runId;
    Set<Integer> completedBeforeKill;
    try (ChildJvm first = child("start", db, log, STEPS)) {
      runId = first.awaitLine(WAIT);
      try (Store store = SqliteRunStore.open(db)) {
        RunEvents.await(store, runId, e -> e.type().equals(EventTypes.STEP_COMPLETED), 8, WAIT);
        assertThat(first.kill9()).isEqualTo(137);
        completedBeforeKill = completedSteps(store, runId);
        RunInfo killed = store.getRun(runId).orElseThrow();
        assertThat(killed.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(completedBeforeKill.size()).isBetween(8, STEPS - 1);
      }
    }

    try (ChildJvm second = child("resume", db, log, STEPS, runId)) {
      assertThat(second.awaitExit(WAIT)).as("resumed child's exit").isZero();
    }

    try (Store store = SqliteRunStore.open(db)) {
      RunInfo done = store.getRun(runId).orElseThrow();
      assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
      List<String> expected =
          java.util.stream.IntStream.range(0, STEPS).mapToObj(i -> "r" + i).toList();
      assertThat(done.result()).contains(Json.write(expected));

      List<Event> events = store.readEvents(runId, 0, 100_000);
      for (int i = 0; i < events.size(); i++) {
        assertThat(events.get(i).seq()).isEqualTo(i + 1);
      }
      assertThat(events).filteredOn(e -> e.type().equals(EventTypes.RUN_RESUMED)).hasSize(1);
      assertThat(events).filteredOn(e -> e.type().equals(EventTypes.STEP_COMPLETED)).hasSize(STEPS);
      assertThat(events).filteredOn(e -> e.type().equals(EventTypes.PROGRESS)).hasSize(STEPS);
    }

    Map<Integer, Integer> executions = new HashMap<>();
    for (String line : Files.readAllLines(log)) {
      executions.merge(Integer.parseInt(line.trim()), 1, Integer::sum);
    }
    for (int i = 0; i < STEPS; i++) {
      int n = executions.getOrDefault(i, 0);
      if (completedBeforeKill.contains(i)) {
        assertThat(n).as("step %d was checkpointed before the kill", i).isEqualTo(1);
      } else {
        // The step in flight at the kill may have run its body without reaching its checkpoint.
        assertThat(n).as("step %d", i).isBetween(1, 2);
      }
    }
    long twice = executions.values().stream().filter(n -> n == 2).count();
    assertThat(twice).as("at most the one step in flight runs twice").isLessThanOrEqualTo(1);
  }

  private static Set<Integer> completedSteps(RunStore store, String runId) {
    return store.readEvents(runId, 0, 100_000).stream()
        .filter(e -> e.type().equals(EventTypes.STEP_COMPLETED))
        .map(e -> Integer.parseInt(e.path().substring(e.path().lastIndexOf('#') + 1)))
        .collect(Collectors.toSet());
  }

  private static ChildJvm child(String mode, Path db, Path log, int steps, String... more) {
    return ChildJvm.builder(CrashChild.class, Path.of(db + ".child.log"))
        .args(mode, db.toString(), log.toString(), Integer.toString(steps))
        .args(more)
        .start();
  }
}
