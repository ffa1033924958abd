package dev.spool.cli;

import dev.spool.cli.internal.Io;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Runs the {@code spool} command line in-process with captured output, on one store. */
final class Cli {
  private final String storeUri;

  Cli(Path dir) {
    this("sqlite:" + dir.resolve("spool.db"));
  }

  /** On the store this URI names (for example a test's redis-server). */
  Cli(String storeUri) {
    this.storeUri = storeUri;
  }

  String storeUri() {
    return storeUri;
  }

  /** Runs {@code args} with {@code --store} pointing at this test's store. */
  Result run(String... args) {
    String[] withStore = Arrays.copyOf(args, args.length + 2);
    withStore[args.length] = "--store";
    withStore[args.length + 1] = storeUri;
    return raw(withStore);
  }

  /** Runs {@code args} as given, with an empty environment and no colours. */
  static Result raw(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Io io =
        new Io(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of(),
            false);
    int exit = SpoolCommand.newCommandLine(io).execute(args);
    return new Result(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  record Result(int exit, String out, String err) {
    List<String> outLines() {
      return out.lines().toList();
    }

    List<String> errLines() {
      return err.lines().toList();
    }

    String lastLine() {
      List<String> lines = outLines();
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
  }
}
