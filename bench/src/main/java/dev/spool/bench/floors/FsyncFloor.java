package dev.spool.bench.floors;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What this disk charges for durability against power loss: one 4 KiB append followed by fdatasync
 * ({@code FileChannel.force(false)}). PostgreSQL with synchronous_commit=on pays about this per
 * commit; SQLite with synchronous=NORMAL in WAL mode does not (it syncs at checkpoints).
 */
public final class FsyncFloor {
  private FsyncFloor() {}

  public static Map<String, Object> measure(Path file, int syncs) throws Exception {
    long[] micros = new long[syncs];
    ByteBuffer block = ByteBuffer.allocate(4096);
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (int i = 0; i < syncs; i++) {
        block.clear();
        long t0 = System.nanoTime();
        ch.write(block);
        ch.force(false);
        micros[i] = (System.nanoTime() - t0) / 1000;
      }
    } finally {
      Files.deleteIfExists(file);
    }
    Arrays.sort(micros);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("p50Micros", micros[syncs / 2]);
    out.put("p99Micros", micros[Math.min(syncs - 1, (int) (syncs * 0.99))]);
    return out;
  }
}
