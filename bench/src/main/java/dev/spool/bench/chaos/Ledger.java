package dev.spool.bench.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The side-effect ledger of one worker process: every execution of a chaos step body writes a start
 * line before it works and an end line after, each in one {@code write} to a file opened with
 * {@code O_APPEND} and no buffer in this process, so a line is in the kernel before the step goes
 * on and survives {@code kill -9} of the process. Lines are tab-separated: {@code S|E, run id, step
 * path, nonce, attempt, pid, start ns, end ns} (nanoseconds since the epoch; end 0 on a start
 * line).
 */
final class Ledger {
  /** The folder the ledger files go to; a process without it keeps no ledger. */
  static final String DIR_ENV = "SPOOL_CHAOS_LEDGER_DIR";

  private static final ReentrantLock LOCK = new ReentrantLock();
  private static FileChannel channel;

  private Ledger() {}

  /** A fresh nonce naming one execution. */
  static String nonce() {
    byte[] b = new byte[8];
    ThreadLocalRandom.current().nextBytes(b);
    return ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(b);
  }

  /** Wall-clock nanoseconds since the epoch (one clock for every process on the machine). */
  static long nowNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  static void started(String runId, String path, String nonce, int attempt, long start) {
    write("S", runId, path, nonce, attempt, start, 0);
  }

  static void ended(String runId, String path, String nonce, int attempt, long start, long end) {
    write("E", runId, path, nonce, attempt, start, end);
  }

  private static void write(
      String kind, String runId, String path, String nonce, int attempt, long start, long end) {
    Optional<FileChannel> out = channel();
    if (out.isEmpty()) {
      return;
    }
    String line =
        String.join(
                "\t",
                kind,
                runId,
                path,
                nonce,
                Integer.toString(attempt),
                Long.toString(ProcessHandle.current().pid()),
                Long.toString(start),
                Long.toString(end))
            + "\n";
    ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
    LOCK.lock();
    try {
      while (buf.hasRemaining()) {
        out.get().write(buf);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the chaos ledger", e);
    } finally {
      LOCK.unlock();
    }
  }

  private static Optional<FileChannel> channel() {
    String dir = System.getenv(DIR_ENV);
    if (dir == null || dir.isBlank()) {
      return Optional.empty();
    }
    LOCK.lock();
    try {
      if (channel == null) {
        Path file =
            Files.createDirectories(Path.of(dir))
                .resolve("ledger-" + ProcessHandle.current().pid() + ".tsv");
        channel =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
      }
      return Optional.of(channel);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the chaos ledger in " + dir, e);
    } finally {
      LOCK.unlock();
    }
  }
}
