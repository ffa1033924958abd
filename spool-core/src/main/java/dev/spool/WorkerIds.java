package dev.spool;

import java.net.InetAddress;
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
    return pid.isPresent() && ProcessHandle.of(pid.get()).map(p -> !p.isAlive()).orElse(true);
  }

  private static Optional<Long> localPid(String owner) {
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
