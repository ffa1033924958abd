package dev.spool.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code spool} command as a real child JVM (the test's class path, or the same jars on the
 * module path), with its stderr in a log file; stopped by pid when the test ends.
 */
final class SpoolProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private SpoolProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static SpoolProcess start(Path dir, String name, String... args) throws Exception {
    return start(dir, name, Map.of(), args);
  }

  /**
   * As {@link #start(Path, String, String...)}, with variables added to the child's environment:
   * how a test gives one process different code (a test workflow provider reads them) or settings.
   */
  static SpoolProcess start(Path dir, String name, Map<String, String> env, String... args)
      throws Exception {
    return launch(dir, name, env, null, classPath(), args);
  }

  /**
   * As {@link #start(Path, String, String...)}, with the child's stdout written to {@code stdout}
   * alone ({@code spool runs export RUN > run.json}); its stderr still goes to the log.
   */
  static SpoolProcess startTo(Path dir, String name, Path stdout, String... args) throws Exception {
    return launch(dir, name, Map.of(), stdout, classPath(), args);
  }

  private static List<String> classPath() {
    return List.of(
        "--enable-native-access=ALL-UNNAMED",
        "-cp",
        System.getProperty("java.class.path"),
        SpoolCommand.class.getName());
  }

  /**
   * The same command with every jar on the module path instead, as a modular application runs it:
   * Spool's own modules are named, and Lettuce and LangChain4j are automatic modules that need
   * {@code --add-modules ALL-MODULE-PATH} to bring in what they use.
   */
  static SpoolProcess startOnModulePath(Path dir, String name, String modulePath, String... args)
      throws Exception {
    return launch(
        dir,
        name,
        Map.of(),
        null,
        List.of(
            "--enable-native-access=org.xerial.sqlitejdbc",
            "--module-path",
            modulePath,
            "--add-modules",
            "ALL-MODULE-PATH",
            "--module",
            "dev.spool.cli/" + SpoolCommand.class.getName()),
        args);
  }

  private static SpoolProcess launch(
      Path dir,
      String name,
      Map<String, String> env,
      Path stdout,
      List<String> main,
      String... args)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-XX:+UseSerialGC",
                // C1 only: several JVMs start at once on a small machine; start-up beats peak speed
                "-XX:TieredStopAtLevel=1",
                "-Xmx256m"));
    cmd.addAll(main);
    cmd.addAll(List.of(args));
    Path log = dir.resolve(name + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd);
    if (stdout == null) {
      pb.redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(log.toString())));
    } else {
      pb.redirectOutput(stdout.toFile())
          .redirectError(ProcessBuilder.Redirect.appendTo(new File(log.toString())));
    }
    pb.environment().putAll(env);
    Process p = pb.start();
    return new SpoolProcess(p, log);
  }

  long pid() {
    return process.pid();
  }

  /** SIGTERM: what a deploy or {@code kill PID} sends. */
  void terminate() {
    process.destroy();
  }

  /** SIGKILL. */
  void kill9() {
    process.destroyForcibly();
  }

  int awaitExit(long seconds) throws Exception {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("process did not exit within " + seconds + " s; log:\n" + log());
    }
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String log() throws Exception {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** Waits until the log contains {@code text}. */
  void awaitLog(String text, long seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!log().contains(text)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("no '" + text + "' in the log of pid " + pid() + ":\n" + log());
      }
      Thread.sleep(25);
    }
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
