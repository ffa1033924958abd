package dev.spool;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The workflows a process knows, by name. */
public final class WorkflowRegistry {
  private final Map<String, Workflow<?, ?>> byName = new TreeMap<>();

  public WorkflowRegistry register(Workflow<?, ?> wf) {
    Workflow<?, ?> before = byName.putIfAbsent(wf.name(), wf);
    if (before != null && before != wf) {
      throw new IllegalArgumentException("workflow '" + wf.name() + "' is registered twice");
    }
    return this;
  }

  public Optional<Workflow<?, ?>> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * The workflow of that name.
   *
   * @throws IllegalArgumentException naming the known workflows
   */
  public Workflow<?, ?> get(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown workflow '"
                        + name
                        + "' (registered: "
                        + String.join(", ", byName.keySet())
                        + ")"));
  }

  public Collection<Workflow<?, ?>> all() {
    return Collections.unmodifiableCollection(byName.values());
  }
}
