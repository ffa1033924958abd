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
 *
 * <p>On Linux, {@code host} is the host name followed by a short hash of the kernel's boot id and
 * the process's PID namespace: two processes share it only if they see the same process table, so a
 * pid that no longer exists there is a worker that is really gone. Two machines (or containers)
 * with the same host name therefore never judge each other. Where that identity cannot be read (no
 * {@code /proc}), nobody is ever judged dead by its pid and leases expire as usual.
 */
public final class WorkerIds {
  private static final Optional<String> PROCESS_TABLE = processTable();
  private static final String HOST = hostName() + PROCESS_TABLE.map(t -> "." + t).orElse("");

  private WorkerIds() {}

  public static String newId() {
    return HOST
        + "/"
        + ProcessHandle.current().pid()
        + "/"
        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
  }

  /** True if {@code owner} names a process of this process table that no longer exists. */
  public static boolean isDeadLocalProcess(String owner) {
    Optional<Long> pid = localPid(owner);
    return PROCESS_TABLE.isPresent()
        && pid.isPresent()
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

  /**
   * Eight hex digits naming this kernel boot and PID namespace, from {@code
   * /proc/sys/kernel/random/boot_id} and {@code /proc/self/ns/pid}; empty where they are missing.
   */
  private static Optional<String> processTable() {
    try {
      String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
      String ns = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest((boot + "|" + ns).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return Optional.of(java.util.HexFormat.of().formatHex(digest, 0, 4));
    } catch (IOException | RuntimeException | java.security.NoSuchAlgorithmException e) {
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
