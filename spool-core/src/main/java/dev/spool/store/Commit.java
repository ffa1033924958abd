package dev.spool.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One atomic, lease-fenced write: events appended in order, checkpoints upserted, and optionally a
 * status change. A finished step is exactly one commit (its checkpoint and its {@code
 * step.completed} event).
 */
public record Commit(
    List<NewEvent> events, List<Checkpoint> checkpoints, Optional<Transition> transition) {
  public Commit {
    events = List.copyOf(events);
    checkpoints = List.copyOf(checkpoints);
    Objects.requireNonNull(transition, "transition");
  }

  public static Commit of(NewEvent... events) {
    return new Commit(List.of(events), List.of(), Optional.empty());
  }

  public static Commit of(Checkpoint checkpoint, NewEvent event) {
    return new Commit(List.of(event), List.of(checkpoint), Optional.empty());
  }

  public static Commit of(Transition transition, NewEvent event) {
    return new Commit(List.of(event), List.of(), Optional.of(transition));
  }
}
