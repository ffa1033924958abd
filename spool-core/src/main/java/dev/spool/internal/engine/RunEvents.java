package dev.spool.internal.engine;

import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.SpoolClock;
import dev.spool.internal.Payload;
import dev.spool.store.NewEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The events a run's steps write as they go: progress, custom events and output chunks, each
 * written once even when a resumed execution runs the same code again ({@link Echoes}), and the
 * {@code output.superseded} events that void what an unfinished or failed attempt streamed.
 */
final class RunEvents {
  private final SpoolClock clock;
  private final RunWriter writer;
  private final Echoes echoes;

  RunEvents(SpoolClock clock, RunWriter writer, Echoes echoes) {
    this.clock = clock;
    this.writer = writer;
    this.echoes = echoes;
  }

  NewEvent event(String type, String path, int attempt, String data) {
    return new NewEvent(type, clock.now(), path, attempt, data);
  }

  void progress(Scope scope, Object data) {
    String path = scope.displayPath();
    if (!echoes.alreadyWritten(EventTypes.PROGRESS, path, scope.attempt())) {
      writer.append(event(EventTypes.PROGRESS, path, scope.attempt(), Json.write(data)));
    }
  }

  void custom(Scope scope, String type, Object data) {
    String path = scope.displayPath();
    if (!echoes.alreadyWritten(type, path, scope.attempt())) {
      writer.append(event(type, path, scope.attempt(), Json.write(data)));
      if (type.equals(EventTypes.OUTPUT_SUPERSEDED)) {
        echoes.outputSuperseded(path, scope.attempt());
      }
    }
  }

  void output(Scope scope, String stream, String chunk) {
    String path = scope.displayPath();
    if (!echoes.alreadyWritten(EventTypes.OUTPUT, path, scope.attempt())) {
      writer.append(
          event(
              EventTypes.OUTPUT,
              path,
              scope.attempt(),
              Payload.obj().str("stream", stream).str("chunk", chunk).build()));
      echoes.outputWritten(path, scope.attempt());
    }
  }

  /**
   * A step attempt is about to run its body. If an earlier execution of the run started it and did
   * not finish, its body runs anew: returns the {@code output.superseded} events that void what
   * that execution streamed, to be written before the attempt starts again.
   */
  List<NewEvent> restartAttempt(Scope attempt) {
    return superseded(
        echoes.restart(attempt.stepPath(), attempt.path(), attempt.attempt()), "resumed");
  }

  /** An attempt failed ({@code reason} "retried" or "failed"): voids the output it streamed. */
  List<NewEvent> attemptFailed(Scope attempt, String reason) {
    return superseded(echoes.ended(attempt.stepPath(), attempt.path(), attempt.attempt()), reason);
  }

  private List<NewEvent> superseded(Map<Echoes.Key, Integer> keys, String reason) {
    List<NewEvent> out = new ArrayList<>(keys.size());
    keys.forEach(
        (k, chunks) ->
            out.add(
                event(
                    EventTypes.OUTPUT_SUPERSEDED,
                    k.path(),
                    k.attempt(),
                    Payload.obj().str("reason", reason).num("chunks", chunks).build())));
    return out;
  }
}
