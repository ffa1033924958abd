package dev.spool.store;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A workflow at one version: what a run is started on and resumes on, and what a worker can run.
 * Names and versions never hold {@code '@'}, so {@link #key()} is unambiguous.
 *
 * @param name the workflow's name
 * @param version its version
 */
public record WorkflowVersion(String name, String version) implements Comparable<WorkflowVersion> {
  public WorkflowVersion {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    if (name.indexOf('@') >= 0 || version.indexOf('@') >= 0) {
      throw new IllegalArgumentException("a workflow name or version holds no '@': " + name);
    }
  }

  /** The run's workflow and version. */
  public static WorkflowVersion of(RunInfo run) {
    return new WorkflowVersion(run.workflow(), run.version());
  }

  /** {@code name@version}, as stores index it. */
  public String key() {
    return name + "@" + version;
  }

  /** The inverse of {@link #key()}. */
  public static WorkflowVersion parse(String key) {
    int at = key.lastIndexOf('@');
    if (at <= 0 || at == key.length() - 1) {
      throw new IllegalArgumentException("not a name@version key: '" + key + "'");
    }
    return new WorkflowVersion(key.substring(0, at), key.substring(at + 1));
  }

  /** Versions as one string, {@code a@1,b@2} (sorted), as stores keep a worker's list. */
  public static String joinKeys(Set<WorkflowVersion> versions) {
    return String.join(",", versions.stream().map(WorkflowVersion::key).sorted().toList());
  }

  /** The inverse of {@link #joinKeys}. */
  public static Set<WorkflowVersion> parseKeys(String keys) {
    Set<WorkflowVersion> out = new TreeSet<>();
    for (String k : keys.split(",")) {
      if (!k.isEmpty()) {
        out.add(parse(k));
      }
    }
    return out;
  }

  /** By name, then by {@link #compareVersions version order}. */
  @Override
  public int compareTo(WorkflowVersion o) {
    int byName = name.compareTo(o.name);
    return byName != 0 ? byName : compareVersions(version, o.version);
  }

  /**
   * Version order: runs of digits compare as numbers and the rest as text, so {@code "2" < "10"}
   * and {@code "1.9" < "1.10"}; the newest version of a workflow is the greatest.
   */
  public static int compareVersions(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ei = run(a, i);
      int ej = run(b, j);
      String x = a.substring(i, ei);
      String y = b.substring(j, ej);
      int c;
      if (Character.isDigit(x.charAt(0)) && Character.isDigit(y.charAt(0))) {
        String nx = x.replaceFirst("^0+(?=.)", "");
        String ny = y.replaceFirst("^0+(?=.)", "");
        c =
            nx.length() != ny.length()
                ? Integer.compare(nx.length(), ny.length())
                : nx.compareTo(ny);
      } else {
        c = x.compareTo(y);
      }
      if (c != 0) {
        return c;
      }
      i = ei;
      j = ej;
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /** The end of the run of digits, or of non-digits, starting at {@code from}. */
  private static int run(String s, int from) {
    boolean digits = Character.isDigit(s.charAt(from));
    int k = from;
    while (k < s.length() && Character.isDigit(s.charAt(k)) == digits) {
      k++;
    }
    return k;
  }

  /** How people read it: {@code ticket-triage v2}. */
  @Override
  public String toString() {
    return name + " v" + version;
  }
}
