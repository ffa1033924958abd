package dev.spool;

import dev.spool.store.WorkflowVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The workflows a process knows, by name and version. Several versions of one workflow may be
 * registered side by side: each run executes on the version it started on, and new runs take the
 * newest ({@link WorkflowVersion#compareVersions version order}) unless the start names one.
 */
public final class WorkflowRegistry {
  private final Map<String, NavigableMap<String, Workflow<?, ?>>> byName = new TreeMap<>();

  public WorkflowRegistry register(Workflow<?, ?> wf) {
    Workflow<?, ?> before =
        byName
            .computeIfAbsent(wf.name(), n -> new TreeMap<>(WorkflowVersion::compareVersions))
            .putIfAbsent(wf.versionId(), wf);
    if (before != null && before != wf) {
      throw new IllegalArgumentException(
          "workflow '" + wf.name() + "' v" + wf.versionId() + " is registered twice");
    }
    return this;
  }

  /** The newest version of the workflow of that name. */
  public Optional<Workflow<?, ?>> find(String name) {
    var versions = byName.get(name);
    return versions == null ? Optional.empty() : Optional.of(versions.lastEntry().getValue());
  }

  /** That version of the workflow, if registered. */
  public Optional<Workflow<?, ?>> find(String name, String version) {
    var versions = byName.get(name);
    return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
  }

  /**
   * The newest version of the workflow of that name.
   *
   * @throws IllegalArgumentException naming the known workflows
   */
  public Workflow<?, ?> get(String name) {
    return find(name).orElseThrow(() -> unknown(name));
  }

  /**
   * That version, or the newest when empty.
   *
   * @throws IllegalArgumentException naming the known workflows, or the versions registered
   */
  public Workflow<?, ?> get(String name, Optional<String> version) {
    if (version.isEmpty()) {
      return get(name);
    }
    var versions = byName.get(name);
    if (versions == null) {
      throw unknown(name);
    }
    Workflow<?, ?> wf = versions.get(version.get());
    if (wf == null) {
      throw new IllegalArgumentException(
          "workflow '"
              + name
              + "' has no version '"
              + version.get()
              + "' here (registered: "
              + String.join(", ", versions.keySet())
              + ")");
    }
    return wf;
  }

  private IllegalArgumentException unknown(String name) {
    return new IllegalArgumentException(
        "unknown workflow '" + name + "' (registered: " + String.join(", ", byName.keySet()) + ")");
  }

  /** The newest version of each workflow, by name. */
  public Collection<Workflow<?, ?>> all() {
    List<Workflow<?, ?>> newest = new ArrayList<>();
    byName.values().forEach(v -> newest.add(v.lastEntry().getValue()));
    return Collections.unmodifiableList(newest);
  }

  /** Every registered version of the workflow, oldest first; empty for an unknown name. */
  public List<Workflow<?, ?>> versions(String name) {
    var versions = byName.get(name);
    return versions == null ? List.of() : List.copyOf(versions.values());
  }

  /** Every workflow version registered here: what a worker of this registry can run. */
  public Set<WorkflowVersion> runnable() {
    Set<WorkflowVersion> out = new TreeSet<>();
    byName.forEach((n, v) -> v.keySet().forEach(ver -> out.add(new WorkflowVersion(n, ver))));
    return Collections.unmodifiableSet(out);
  }
}
