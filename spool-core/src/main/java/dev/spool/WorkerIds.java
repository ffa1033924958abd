package dev.spool;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Worker ids of the form {@code host/pid/xxxx}, so a process on the same host can tell that the
 * holder of a lease is dead and take its runs over at once instead of waiting for the lease to
 * expire.
 */
public final class WorkerIds {
  private static final String HOST = hostName();

  private WorkerIds() {}

  public static String newId() {
    return HOST
        + "/"
        + ProcessHandle.current().pid()
        + "/"
        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
  }

  /** True if {@code owner} names a process on this host that no longer exists. */
  public static boolean isDeadLocalProcess(String owner) {
    Optional<Long> pid = localPid(owner);
    return pid.isPresent()
        && (ProcessHandle.of(pid.get()).map(p -> !p.isAlive()).orElse(true) || isZombie(pid.get()));
  }

  /** A killed process whose parent has not reaped it yet still "is alive" to the JDK. */
  private static boolean isZombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      int end = stat.lastIndexOf(')'); // the command name may itself contain spaces or ')'
      char state = end > 0 && end + 2 < stat.length() ? stat.charAt(end + 2) : '?';
      return state == 'Z' || state == 'X';
    } catch (IOException | RuntimeException e) {
      return false; // no /proc (not Linux) or the process is gone: the JDK's answer stands
    }
  }

  /** The pid of a worker on this host, from its id; empty for another host's worker. */
  public static Optional<Long> localPid(String owner) {
    String[] parts = owner.split("/");
    if (parts.length != 3 || !parts[0].equals(HOST)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(parts[1]));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName().replace('/', '_');
    } catch (Exception e) {
      return "localhost";
    }
  }
}
