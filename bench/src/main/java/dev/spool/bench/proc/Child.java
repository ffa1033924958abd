package dev.spool.bench.proc;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A harness JVM the orchestrator started: commands go to its stdin, replies come back from its
 * stdout ({@link Protocol}); everything else it prints lands in its log file.
 */
public final class Child implements AutoCloseable {
  private static final String EOF = "\u0000eof";

  private final String name;
  private final Process process;
  private final PrintWriter in;
  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
  private final Path log;

  private Child(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.in =
        new PrintWriter(
            new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8),
            true);
    Thread.ofPlatform().daemon().name("child-out-" + name).start(this::pump);
  }

  /**
   * Starts {@code mainClass} in a new JVM on this JVM's class path.
   *
   * @param prefix a command the JVM runs under, for example {@code ip netns exec NS} or {@code env
   *     NAME=VALUE}; may be empty
   */
  public static Child start(
      String name,
      List<String> prefix,
      List<String> jvmOptions,
      String mainClass,
      List<String> args,
      Path logDir)
      throws IOException {
    Files.createDirectories(logDir);
    Path log = logDir.resolve(name + ".log");
    List<String> cmd = new ArrayList<>(prefix);
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return new Child(name, pb.start(), log);
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Waits until a line of the log matches {@code pattern} (for a process that announces itself on
   * stdout or stderr rather than by a reply) and returns the match.
   */
  public Matcher awaitLog(Pattern pattern, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Matcher m = pattern.matcher(Files.exists(log) ? Files.readString(log) : "");
      if (m.find()) {
        return m;
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            name
                + (process.isAlive() ? " did not log " : " exited before logging ")
                + pattern
                + " (log: "
                + log
                + ")");
      }
      Thread.sleep(50);
    }
  }

  /** Sends a command and waits for its reply. */
  public JsonNode call(Map<String, Object> command, Duration timeout) throws Exception {
    in.println(Protocol.json().writeValueAsString(command));
    return next(timeout);
  }

  /** Waits for the next reply (a one-shot harness replies once, unasked). */
  public JsonNode next(Duration timeout) throws Exception {
    String line = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (line == null) {
      throw new IllegalStateException(
          name + " did not answer within " + timeout.toSeconds() + " s (log: " + log + ")");
    }
    if (line == EOF) {
      throw new IllegalStateException(
          name + " exited (code " + process.waitFor() + ") before answering (log: " + log + ")");
    }
    JsonNode reply = Protocol.json().readTree(line);
    if (reply.has("error")) {
      throw new IllegalStateException(
          name + " failed: " + reply.get("error").asText() + " (log: " + log + ")");
    }
    return reply;
  }

  private void pump() {
    try (BufferedReader out =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer w =
            Files.newBufferedWriter(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(Protocol.MARK)) {
          replies.add(line.substring(Protocol.MARK.length()));
        } else {
          w.write(line + "\n");
          w.flush();
        }
      }
    } catch (IOException e) {
      // The child is gone; the EOF below tells a waiting caller.
    } finally {
      replies.add(EOF);
    }
  }

  /** Kills the JVM at once (SIGKILL) and waits up to 10 s for it to be gone. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Asks the child to quit, then kills it if it does not within 20 s. */
  @Override
  public void close() {
    try {
      if (process.isAlive()) {
        in.println("{\"op\":\"quit\"}");
        in.close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(10, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
